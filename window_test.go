package main

import (
	"testing"

	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

// Compositing through software OpenGL doubled the web process's memory; the
// policy's zero value turns it back on, so the option must stay explicit.
func TestLinuxOptionsNeverUseTheGPU(t *testing.T) {
	o := linuxOptions()
	if o.WebviewGpuPolicy != linux.WebviewGpuPolicyNever {
		t.Errorf("WebviewGpuPolicy = %v, want WebviewGpuPolicyNever", o.WebviewGpuPolicy)
	}
	if o.ProgramName != "fineprint" {
		t.Errorf("ProgramName = %q, want fineprint (the window manager groups windows by it)", o.ProgramName)
	}
}
