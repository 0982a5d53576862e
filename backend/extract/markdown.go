package extract

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The converter reproduces what Open Terms Archive runs (turndown with its
// default options plus the GFM plugin: tables, strikethrough, task lists),
// so that versions imported from OTA and versions extracted here agree byte
// for byte and a switch of extractor never shows up as a change in the terms.
// Recursion depth is bounded because parse limits the tree depth.

var blockAtoms = atomSet(atom.Address, atom.Article, atom.Aside, atom.Audio, atom.Blockquote,
	atom.Body, atom.Canvas, atom.Center, atom.Dd, atom.Dir, atom.Div, atom.Dl, atom.Dt,
	atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.Frameset,
	atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
	atom.Html, atom.Isindex, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Noframes,
	atom.Noscript, atom.Ol, atom.Output, atom.P, atom.Pre, atom.Section, atom.Table,
	atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul)

var voidAtoms = atomSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Command, atom.Embed,
	atom.Hr, atom.Img, atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param,
	atom.Source, atom.Track, atom.Wbr)

var meaningfulWhenBlankAtoms = atomSet(atom.A, atom.Table, atom.Thead, atom.Tbody,
	atom.Tfoot, atom.Th, atom.Td, atom.Iframe, atom.Script, atom.Audio, atom.Video)

func atomSet(list ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(list))
	for _, a := range list {
		m[a] = true
	}
	return m
}

// htmlAtom is the element's atom when it is an HTML element; SVG and MathML
// elements never match HTML rules, as in the DOM where their nodeName differs.
func htmlAtom(n *html.Node) atom.Atom {
	if n == nil || n.Type != html.ElementNode || n.Namespace != "" {
		return 0
	}
	return n.DataAtom
}

func isBlockNode(n *html.Node) bool { return blockAtoms[htmlAtom(n)] }
func isVoidNode(n *html.Node) bool  { return voidAtoms[htmlAtom(n)] }

// jsSpace reports whether r matches JavaScript's \s.
func jsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func asciiSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

func trimJS(s string) string {
	return strings.TrimFunc(s, jsSpace)
}

// collapseWhitespace ports turndown's whitespace collapsing: runs of ASCII
// whitespace become one space, spaces next to block boundaries disappear,
// and comments are dropped. It walks iteratively, visiting each element on
// the way in and on the way out, exactly like the original.
func collapseWhitespace(root *html.Node) {
	if root.FirstChild == nil || htmlAtom(root) == atom.Pre {
		return
	}
	var prevText *html.Node
	keepLeadingWs := false
	var prev *html.Node
	node := nextNode(nil, root)
	for node != root {
		switch {
		case node.Type == html.TextNode:
			text := collapseASCII(node.Data)
			if (prevText == nil || strings.HasSuffix(prevText.Data, " ")) && !keepLeadingWs && strings.HasPrefix(text, " ") {
				text = text[1:]
			}
			if text == "" {
				node = removeAndNext(node)
				continue
			}
			node.Data = text
			prevText = node
		case node.Type == html.ElementNode:
			if isBlockNode(node) || htmlAtom(node) == atom.Br {
				if prevText != nil {
					prevText.Data = strings.TrimSuffix(prevText.Data, " ")
				}
				prevText = nil
				keepLeadingWs = false
			} else if isVoidNode(node) || htmlAtom(node) == atom.Pre {
				prevText = nil
				keepLeadingWs = true
			} else if prevText != nil {
				keepLeadingWs = false
			}
		default:
			node = removeAndNext(node)
			continue
		}
		nn := nextNode(prev, node)
		prev = node
		node = nn
	}
	if prevText != nil {
		prevText.Data = strings.TrimSuffix(prevText.Data, " ")
		if prevText.Data == "" {
			removeAndNext(prevText)
		}
	}
}

func collapseASCII(s string) string {
	i := 0
	for i < len(s) {
		if asciiSpace(s[i]) && (s[i] != ' ' || (i+1 < len(s) && asciiSpace(s[i+1]))) {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		if asciiSpace(s[i]) {
			b.WriteByte(' ')
			for i < len(s) && asciiSpace(s[i]) {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func removeAndNext(n *html.Node) *html.Node {
	next := n.NextSibling
	if next == nil {
		next = n.Parent
	}
	n.Parent.RemoveChild(n)
	return next
}

func nextNode(prev, cur *html.Node) *html.Node {
	if (prev != nil && prev.Parent == cur) || htmlAtom(cur) == atom.Pre {
		if cur.NextSibling != nil {
			return cur.NextSibling
		}
		return cur.Parent
	}
	if cur.FirstChild != nil {
		return cur.FirstChild
	}
	if cur.NextSibling != nil {
		return cur.NextSibling
	}
	return cur.Parent
}

// converter turns a whitespace-collapsed tree into Markdown.
type converter struct {
	skipTable map[*html.Node]bool
}

// toMarkdown converts the children of root, which is changed in place.
func toMarkdown(root *html.Node) string {
	collapseWhitespace(root)
	c := &converter{skipTable: map[*html.Node]bool{}}
	out := c.children(root, false)
	return postProcess(out)
}

func postProcess(s string) string {
	s = strings.TrimLeft(s, "\t\r\n")
	return strings.TrimRightFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' || jsSpace(r) })
}

func (c *converter) children(n *html.Node, inCode bool) string {
	var out []byte
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			if inCode {
				out = join(out, ch.Data)
			} else {
				out = join(out, escapeMarkdown(ch.Data))
			}
		case html.ElementNode:
			out = join(out, c.replacement(ch, inCode))
		}
	}
	return string(out)
}

// join glues two pieces with the larger of their newline runs, capped at two.
func join(out []byte, rep string) []byte {
	t := 0
	for t < len(out) && out[len(out)-1-t] == '\n' {
		t++
	}
	l := 0
	for l < len(rep) && rep[l] == '\n' {
		l++
	}
	nl := max(t, l)
	if nl > 2 {
		nl = 2
	}
	out = out[:len(out)-t]
	out = append(out, "\n\n"[:nl]...)
	return append(out, rep[l:]...)
}

func (c *converter) replacement(n *html.Node, inCode bool) string {
	a := htmlAtom(n)
	code := inCode || a == atom.Code
	content := c.children(n, code)
	lead, trail := flankingWhitespace(n)
	if lead != "" || trail != "" {
		content = trimJS(content)
	}
	return lead + c.rule(n, a, content) + trail
}

func (c *converter) rule(n *html.Node, a atom.Atom, content string) string {
	if isBlank(n) {
		if isBlockNode(n) {
			return "\n\n"
		}
		return ""
	}
	switch a {
	case atom.Div:
		if lang, ok := highlightedLanguage(n); ok {
			return "\n\n```" + lang + "\n" + textContent(n.FirstChild) + "\n```\n\n"
		}
	case atom.Input:
		if strings.EqualFold(attr(n, "type"), "checkbox") && htmlAtom(n.Parent) == atom.Li {
			if hasAttr(n, "checked") {
				return "[x] "
			}
			return "[ ] "
		}
	case atom.Del, atom.S, atom.Strike:
		return "~~" + content + "~~"
	case atom.Thead, atom.Tbody, atom.Tfoot:
		return content
	case atom.Table:
		return c.table(n, content)
	case atom.Tr:
		return c.tableRow(n, content)
	case atom.Th, atom.Td:
		if c.tableSkipped(parentTable(n)) {
			return content
		}
		return cell(content, n, -1)
	case atom.P:
		return "\n\n" + content + "\n\n"
	case atom.Br:
		return "  \n"
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1] - '0')
		if level < 3 {
			ch := "="
			if level == 2 {
				ch = "-"
			}
			return "\n\n" + content + "\n" + strings.Repeat(ch, jsLength(content)) + "\n\n"
		}
		return "\n\n" + strings.Repeat("#", level) + " " + content + "\n\n"
	case atom.Blockquote:
		content = strings.Trim(content, "\n")
		return "\n\n> " + strings.ReplaceAll(content, "\n", "\n> ") + "\n\n"
	case atom.Ul, atom.Ol:
		if p := n.Parent; htmlAtom(p) == atom.Li && lastElementChild(p) == n {
			return "\n" + content
		}
		return "\n\n" + content + "\n\n"
	case atom.Li:
		return listItem(n, content)
	case atom.Pre:
		if f := n.FirstChild; f != nil && htmlAtom(f) == atom.Code {
			return "\n\n    " + strings.ReplaceAll(textContent(f), "\n", "\n    ") + "\n\n"
		}
	case atom.Hr:
		return "\n\n* * *\n\n"
	case atom.A:
		if href := attr(n, "href"); href != "" {
			if hasBlockDescendant(n) {
				// OTA's turndown trims links wrapping blocks, which would
				// otherwise break the link over several lines.
				content = trimJS(content)
			}
			href = strings.NewReplacer("(", `\(`, ")", `\)`).Replace(href)
			title := cleanAttribute(attr(n, "title"))
			if title != "" {
				title = ` "` + strings.ReplaceAll(title, `"`, `\"`) + `"`
			}
			return "[" + content + "](" + href + title + ")"
		}
	case atom.Em, atom.I:
		if trimJS(content) == "" {
			return ""
		}
		return "_" + content + "_"
	case atom.Strong, atom.B:
		if trimJS(content) == "" {
			return ""
		}
		return "**" + content + "**"
	case atom.Code:
		if htmlAtom(n.Parent) == atom.Pre && n.PrevSibling == nil && n.NextSibling == nil {
			break
		}
		return inlineCode(content)
	case atom.Img:
		src := attr(n, "src")
		if src == "" {
			return ""
		}
		title := cleanAttribute(attr(n, "title"))
		if title != "" {
			title = ` "` + title + `"`
		}
		return "![" + cleanAttribute(attr(n, "alt")) + "](" + src + title + ")"
	}
	if isBlockNode(n) {
		return "\n\n" + content + "\n\n"
	}
	return content
}

func listItem(n *html.Node, content string) string {
	content = strings.TrimLeft(content, "\n")
	if t := strings.TrimRight(content, "\n"); len(t) < len(content) {
		content = t + "\n"
	}
	content = strings.ReplaceAll(content, "\n", "\n    ")
	prefix := "*   "
	if p := n.Parent; htmlAtom(p) == atom.Ol {
		index := 0
		for s := p.FirstChild; s != nil && s != n; s = s.NextSibling {
			if s.Type == html.ElementNode {
				index++
			}
		}
		number := strconv.Itoa(index + 1)
		if start, ok := attrOK(p, "start"); ok && start != "" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(start), 64); err == nil && !math.IsInf(f, 0) {
				number = strconv.FormatFloat(f+float64(index), 'f', -1, 64)
			} else {
				number = "NaN"
			}
		}
		prefix = number + ".  "
	}
	if n.NextSibling != nil && !strings.HasSuffix(content, "\n") {
		return prefix + content + "\n"
	}
	return prefix + content
}

func inlineCode(content string) string {
	if content == "" {
		return ""
	}
	content = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(content)
	extra := ""
	if strings.HasPrefix(content, "`") || strings.HasSuffix(content, "`") ||
		(len(content) > 2 && content[0] == ' ' && content[len(content)-1] == ' ' && strings.Trim(content, " ") != "") {
		extra = " "
	}
	runs := map[int]bool{}
	for i := 0; i < len(content); {
		if content[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(content) && content[j] == '`' {
			j++
		}
		runs[j-i] = true
		i = j
	}
	d := 1
	for runs[d] {
		d++
	}
	delim := strings.Repeat("`", d)
	return delim + extra + content + extra + delim
}

func cleanAttribute(s string) string {
	if s == "" {
		return ""
	}
	// turndown collapses runs of newlines (and the whitespace after them)
	// into a single newline.
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '\n' {
			b.WriteByte('\n')
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !jsSpace(r) {
					break
				}
				i += size
			}
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// jsLength is the length JavaScript reports: UTF-16 code units.
func jsLength(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1)
	}
	return n
}

func highlightedLanguage(n *html.Node) (string, bool) {
	f := n.FirstChild
	if f == nil || htmlAtom(f) != atom.Pre {
		return "", false
	}
	for _, cls := range strings.Fields(attr(n, "class")) {
		for _, p := range []string{"highlight-text-", "highlight-source-"} {
			if rest, ok := strings.CutPrefix(cls, p); ok && rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

// escapeMarkdown ports turndown's escaping: some characters anywhere, some
// only at the start of the text node.
func escapeMarkdown(s string) string {
	if s == "" {
		return s
	}
	prefix := ""
	rest := s
	switch c := s[0]; {
	case c == '-':
		prefix, rest = `\-`, s[1:]
	case c == '+' && strings.HasPrefix(s, "+ "):
		prefix, rest = `\+ `, s[2:]
	case c == '=':
		i := strings.IndexFunc(s, func(r rune) bool { return r != '=' })
		if i < 0 {
			i = len(s)
		}
		prefix, rest = `\`+s[:i], s[i:]
	case c == '#':
		i := strings.IndexFunc(s, func(r rune) bool { return r != '#' })
		if i > 0 && i <= 6 && s[i] == ' ' {
			prefix, rest = `\`+s[:i+1], s[i+1:]
		}
	case c == '~' && strings.HasPrefix(s, "~~~"):
		prefix, rest = `\~~~`, s[3:]
	case c == '>':
		prefix, rest = `\>`, s[1:]
	case c >= '0' && c <= '9':
		i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if i > 0 && strings.HasPrefix(s[i:], ". ") {
			prefix, rest = s[:i]+`\. `, s[i+2:]
		}
	}
	if !strings.ContainsAny(rest, "\\*`[]_") {
		if prefix == "" {
			return s
		}
		return prefix + rest
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(prefix)
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '\\', '*', '`', '[', ']', '_':
			b.WriteByte('\\')
		}
		b.WriteByte(rest[i])
	}
	return b.String()
}

func isBlank(n *html.Node) bool {
	if isVoidNode(n) || meaningfulWhenBlankAtoms[htmlAtom(n)] {
		return false
	}
	// One walk checks the three subtree conditions and stops at the first
	// visible character or meaningful descendant.
	for d := n.FirstChild; d != nil; d = nextInSubtree(d, n) {
		switch d.Type {
		case html.TextNode:
			if strings.IndexFunc(d.Data, func(r rune) bool { return !jsSpace(r) }) >= 0 {
				return false
			}
		case html.ElementNode:
			if isVoidNode(d) || meaningfulWhenBlankAtoms[htmlAtom(d)] {
				return false
			}
		}
	}
	return true
}

// nextInSubtree is a pre-order step that never leaves root.
func nextInSubtree(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

// flankingWhitespace is the whitespace an inline element moves outside its
// Markdown delimiters, so "a<b> b </b>c" becomes "a **b** c".
func flankingWhitespace(n *html.Node) (string, string) {
	if isBlockNode(n) {
		return "", ""
	}
	lead, leadASCII, allSpace := leadingSpace(n)
	trail, trailASCII := "", 0
	if !allSpace {
		trail, trailASCII = trailingSpace(n)
	}
	if leadASCII > 0 && flankedLeft(n) {
		lead = lead[leadASCII:]
	}
	if trailASCII > 0 && flankedRight(n) {
		trail = trail[:len(trail)-trailASCII]
	}
	return lead, trail
}

// leadingSpace returns the leading JavaScript whitespace of n's text content,
// the length of its ASCII-whitespace head, and whether the content is all
// whitespace (then the leading part holds all of it, as in turndown).
func leadingSpace(n *html.Node) (string, int, bool) {
	var b strings.Builder
	asciiHead, inHead := 0, true
	for d := n.FirstChild; d != nil; d = nextInSubtree(d, n) {
		if d.Type != html.TextNode {
			continue
		}
		for _, r := range d.Data {
			if !jsSpace(r) {
				return b.String(), asciiHead, false
			}
			if inHead && r < 0x80 && asciiSpace(byte(r)) {
				asciiHead++
			} else {
				inHead = false
			}
			b.WriteRune(r)
		}
	}
	return b.String(), asciiHead, true
}

// trailingSpace returns the trailing whitespace of n's text content, which
// is not all whitespace, and the length of its ASCII-whitespace tail. Only
// the last few bytes are read: after collapsing, whitespace runs are short.
func trailingSpace(n *html.Node) (string, int) {
	text := lastText(n, 64)
	t := strings.TrimRightFunc(text, jsSpace)
	trail := text[len(t):]
	ascii := 0
	for ascii < len(trail) && asciiSpace(trail[len(trail)-1-ascii]) {
		ascii++
	}
	return trail, ascii
}

// lastText returns up to about limit bytes from the end of n's text content.
func lastText(n *html.Node, limit int) string {
	var parts []string
	size := 0
	for d := lastDescendant(n); d != nil && d != n && size < limit; d = prevInSubtree(d, n) {
		if d.Type == html.TextNode && d.Data != "" {
			parts = append(parts, d.Data)
			size += len(d.Data)
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return b.String()
}

func lastDescendant(n *html.Node) *html.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// prevInSubtree is a reverse pre-order step (children last-to-first,
// deepest first) that never leaves root.
func prevInSubtree(n, root *html.Node) *html.Node {
	if n == root {
		return nil
	}
	if n.PrevSibling != nil {
		return lastDescendant(n.PrevSibling)
	}
	if n.Parent == root {
		return nil
	}
	return n.Parent
}

func flankedLeft(n *html.Node) bool {
	s := n.PrevSibling
	if s == nil {
		return false
	}
	if s.Type == html.TextNode {
		return strings.HasSuffix(s.Data, " ")
	}
	if s.Type == html.ElementNode && !isBlockNode(s) {
		return strings.HasSuffix(lastText(s, 1), " ")
	}
	return false
}

func flankedRight(n *html.Node) bool {
	s := n.NextSibling
	if s == nil {
		return false
	}
	if s.Type == html.TextNode {
		return strings.HasPrefix(s.Data, " ")
	}
	if s.Type == html.ElementNode && !isBlockNode(s) {
		for d := s.FirstChild; d != nil; d = nextInSubtree(d, s) {
			if d.Type == html.TextNode && d.Data != "" {
				return d.Data[0] == ' '
			}
		}
	}
	return false
}

func textContent(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for d := n.FirstChild; d != nil; d = nextInSubtree(d, n) {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func lastElementChild(n *html.Node) *html.Node {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Namespace == "" && n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func hasBlockDescendant(n *html.Node) bool {
	for d := n.FirstChild; d != nil; d = nextInSubtree(d, n) {
		if isBlockNode(d) {
			return true
		}
	}
	return false
}
