//go:build !production && !dev

package main

import "embed"

// Plain builds (go vet, go test) need no built frontend.
var assets embed.FS
