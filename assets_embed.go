//go:build production || dev

package main

import "embed"

// The built frontend; a production build fails loudly without it.
//
//go:embed all:frontend/dist
var assets embed.FS
