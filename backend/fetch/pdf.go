package fetch

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfText extracts the text of a PDF as plain paragraphs separated by blank
// lines. The PDF reader panics on malformed input, so every call into it is
// guarded; a panic or a document without text fails as unsupported.
func pdfText(body []byte) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text = ""
			err = newError(KindUnsupported, 0, fmt.Errorf("pdf: %v", r),
				"The PDF could not be read: it appears to be damaged or uses features Fineprint does not support.")
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return "", newError(KindUnsupported, 0, err, "The PDF could not be read: %v.", err)
	}
	if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
		return "", newError(KindUnsupported, 0, nil, "The PDF is encrypted, so its text cannot be read.")
	}
	var paragraphs []string
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		paragraphs = append(paragraphs, pageParagraphs(p)...)
	}
	text = strings.Join(paragraphs, "\n\n")
	if strings.TrimSpace(text) == "" {
		return "", newError(KindUnsupported, 0, nil,
			"The PDF has no extractable text; it may be a scanned image, which Fineprint cannot read.")
	}
	return text, nil
}

// pageParagraphs lays out one page's glyphs: glyphs on the same baseline
// form a line, a horizontal gap wider than a fraction of the font size is a
// space, and a vertical gap clearly larger than the usual line spacing
// starts a new paragraph.
func pageParagraphs(p pdf.Page) []string {
	glyphs := p.Content().Text
	if len(glyphs) == 0 {
		// Some generators draw text through operators Content does not
		// track; the plain stream reading is a coarser fallback.
		plain, err := p.GetPlainText(nil)
		if err != nil {
			return nil
		}
		return splitPlain(plain)
	}

	type line struct {
		y, size float64
		text    strings.Builder
		lastEnd float64
	}
	var lines []*line
	var cur *line
	for _, g := range glyphs {
		size := g.FontSize
		if size <= 0 {
			size = 10
		}
		if cur == nil || math.Abs(g.Y-cur.y) > size*0.4 || g.X < cur.lastEnd-size {
			cur = &line{y: g.Y, size: size}
			lines = append(lines, cur)
		} else if g.X-cur.lastEnd > size*0.2 && !strings.HasSuffix(cur.text.String(), " ") {
			cur.text.WriteByte(' ')
		}
		cur.text.WriteString(g.S)
		cur.lastEnd = g.X + g.W
	}

	// Spacing between consecutive lines; the median is the normal leading.
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		if d := lines[i-1].y - lines[i].y; d > 0 {
			gaps = append(gaps, d)
		}
	}
	// With few lines the median says little, so the font size stands in
	// for the leading (about 1.2 times the size in typical typesetting).
	leading := 0.0
	if len(gaps) >= 3 {
		sorted := append([]float64(nil), gaps...)
		sort.Float64s(sorted)
		leading = sorted[(len(sorted)-1)/2]
	}

	var out []string
	var para []string
	flush := func() {
		if s := strings.Join(strings.Fields(strings.Join(para, " ")), " "); s != "" {
			out = append(out, s)
		}
		para = para[:0]
	}
	for i, l := range lines {
		if i > 0 {
			d := lines[i-1].y - l.y
			limit := leading * 1.4
			if leading == 0 {
				limit = lines[i-1].size * 1.5
			}
			if d <= 0 || d > limit || l.size != lines[i-1].size {
				flush()
			}
		}
		para = append(para, l.text.String())
	}
	flush()
	return out
}

func splitPlain(s string) []string {
	var out []string
	for _, block := range strings.Split(s, "\n") {
		if t := strings.Join(strings.Fields(block), " "); t != "" {
			out = append(out, t)
		}
	}
	return out
}
