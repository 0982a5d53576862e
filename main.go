// Fineprint watches the terms of the platforms a person relies on. With no
// arguments the binary opens the window; with a command it runs the same
// engine headless (see 'fineprint help').
package main

import (
	"os"

	"fineprint/app/cli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	if dir, window := cli.WindowDataDir(os.Args[1:]); window {
		os.Exit(runWindow(dir))
	}
	os.Exit(cli.Run(os.Args[1:], &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Version: version}))
}
