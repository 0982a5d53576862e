package extract

import (
	"bytes"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds the tree depth everything below may recurse into. The
// parser already refuses more than 512 open elements; this is the safety net
// for trees that grow deeper through the parser's reparenting rules.
const maxDepth = 600

// flattenDepth is where the fallback tokenizer pass starts dropping tags.
const flattenDepth = 256

// document is a parsed page and what was learnt while preparing it.
type document struct {
	root  *html.Node
	base  *url.URL
	title string
	// hiddenText is the text of elements dropped before extraction that still
	// says something about the page (noscript notices).
	hiddenText string
	// bodyChars counts the non-space characters of the page's visible text
	// before any rule ran.
	bodyChars int
	// captchaFrame is set when the page embeds a challenge provider's frame.
	captchaFrame bool
}

var captchaHosts = []string{"captcha-delivery.com", "hcaptcha.com", "challenges.cloudflare.com",
	"google.com/recaptcha", "recaptcha.net", "perimeterx", "px-cloud.net", "arkoselabs.com", "funcaptcha.com"}

// parse builds the tree, dropping scripts, styles, noscript and template
// elements, and caps the depth. A page nested too deep for the parser is
// flattened and parsed again rather than rejected: its text still counts.
func parse(page []byte, pageURL string) (*document, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		root, err = html.Parse(bytes.NewReader(flatten(page, flattenDepth)))
		if err != nil {
			return nil, errorf(KindUnparsable, "%v", err)
		}
	}
	d := &document{root: root}
	if u, err := url.Parse(pageURL); err == nil {
		d.base = u
	}
	d.prepare()
	return d, nil
}

func (d *document) prepare() {
	var hidden strings.Builder
	baseSeen := false
	depth := 0
	n := d.root
	for n != nil {
		if n.Type == html.ElementNode && n.Namespace == "" {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				if n.DataAtom == atom.Noscript && hidden.Len() < 4096 {
					hidden.WriteString(textContent(n))
					hidden.WriteByte('\n')
				}
				next := skipSubtree(n, &depth)
				n.Parent.RemoveChild(n)
				n = next
				continue
			case atom.Title:
				if d.title == "" {
					d.title = strings.Join(strings.Fields(textContent(n)), " ")
				}
			case atom.Base:
				if href := attr(n, "href"); href != "" && !baseSeen && d.base != nil {
					baseSeen = true
					if u, err := d.base.Parse(href); err == nil {
						d.base = u
					}
				}
			}
		}
		if n.Type == html.TextNode {
			for i := 0; i < len(n.Data); i++ {
				if !asciiSpace(n.Data[i]) {
					d.bodyChars++
				}
			}
		}
		if htmlAtom(n) == atom.Iframe {
			src := strings.ToLower(attr(n, "src"))
			for _, h := range captchaHosts {
				if strings.Contains(src, h) {
					d.captchaFrame = true
				}
			}
		}
		if depth >= maxDepth && n.FirstChild != nil {
			text := textContent(n)
			for n.FirstChild != nil {
				n.RemoveChild(n.FirstChild)
			}
			n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		}
		if n.FirstChild != nil {
			depth++
			n = n.FirstChild
			continue
		}
		n = skipSubtree(n, &depth)
	}
	d.hiddenText = hidden.String()
}

// skipSubtree returns the next node in pre-order after n's subtree, keeping
// depth in step.
func skipSubtree(n *html.Node, depth *int) *html.Node {
	for n != nil {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
		*depth--
	}
	return nil
}

var voidNames = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true, "keygen": true, "command": true}

// flatten drops the tags nested deeper than limit, keeping their text, so
// that a hostile page cannot make the parser give up.
func flatten(page []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out bytes.Buffer
	out.Grow(len(page))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidNames[string(name)] {
				out.Write(z.Raw())
				continue
			}
			depth++
			if depth <= limit {
				out.Write(z.Raw())
			}
		case html.EndTagToken:
			if depth <= limit {
				out.Write(z.Raw())
			}
			if depth > 0 {
				depth--
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// absoluteLinks resolves relative hrefs against the page (or its <base>), as
// OTA does for every a[href] that is not a fragment link.
func (d *document) absoluteLinks(root *html.Node) {
	if d.base == nil {
		return
	}
	for n := root; n != nil; n = nextInSubtree(n, root) {
		if htmlAtom(n) != atom.A {
			continue
		}
		href, ok := attrOK(n, "href")
		if !ok || href == "" || strings.HasPrefix(href, "#") {
			continue
		}
		u, err := d.base.Parse(strings.TrimSpace(href))
		if err != nil {
			continue
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Path == "" && u.Opaque == "" && u.Host != "" {
			// The WHATWG serialiser writes "https://host/" for an empty path.
			u.Path = "/"
		}
		setAttr(n, "href", u.String())
	}
}

// decodeEmails replaces Cloudflare's e-mail obfuscation with the address it
// hides: the links change on every page load, so leaving them in would make
// every fetch look like a new version.
func decodeEmails(root *html.Node) {
	var links, spans []*html.Node
	for n := root; n != nil; n = nextInSubtree(n, root) {
		if n.Type != html.ElementNode {
			continue
		}
		if htmlAtom(n) == atom.A && strings.Contains(attr(n, "href"), "/email-protection") {
			links = append(links, n)
		} else if v := attr(n, "data-cfemail"); v != "" {
			spans = append(spans, n)
		}
	}
	for _, n := range spans {
		if addr, ok := cfDecode(attr(n, "data-cfemail")); ok && n.Parent != nil {
			n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: addr}, n)
			n.Parent.RemoveChild(n)
		}
	}
	for _, n := range links {
		href := attr(n, "href")
		base, frag, _ := strings.Cut(href, "#")
		addr, ok := cfDecode(frag)
		if !ok {
			// Keep the stable part only, as OTA does.
			setAttr(n, "href", base)
			replaceChildrenWithText(n, "[email\u00a0protected]")
			continue
		}
		setAttr(n, "href", "mailto:"+addr)
		text := strings.TrimSpace(textContent(n))
		if text == "" || strings.Contains(text, "email") && strings.Contains(text, "protected") {
			replaceChildrenWithText(n, addr)
		}
	}
}

func replaceChildrenWithText(n *html.Node, text string) {
	for n.FirstChild != nil {
		n.RemoveChild(n.FirstChild)
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
}

// cfDecode undoes Cloudflare's scheme: the first byte is a key XORed into
// every following byte.
func cfDecode(h string) (string, bool) {
	b, err := hex.DecodeString(h)
	if err != nil || len(b) < 2 {
		return "", false
	}
	out := make([]byte, len(b)-1)
	for i := 1; i < len(b); i++ {
		out[i-1] = b[i] ^ b[0]
	}
	s := string(out)
	if !utf8.ValidString(s) || !strings.Contains(s, "@") || strings.ContainsAny(s, " <>\"\n") {
		return "", false
	}
	return s, true
}

// compiled holds a selector ready to match.
type compiled struct {
	css        cascadia.SelectorGroup
	start, end cascadia.SelectorGroup
	startAfter bool
	endAfter   bool
	raw        Selector
}

func compile(list Selectors) ([]compiled, error) {
	out := make([]compiled, 0, len(list))
	for _, s := range list {
		if err := s.Validate(); err != nil {
			return nil, errorf(KindBadRules, "%v", err)
		}
		var c compiled
		c.raw = s
		if s.Range == nil {
			c.css, _ = cascadia.ParseGroup(s.CSS)
		} else {
			r := s.Range
			st, en := r.StartBefore, r.EndBefore
			if st == "" {
				st, c.startAfter = r.StartAfter, true
			}
			if en == "" {
				en, c.endAfter = r.EndAfter, true
			}
			c.start, _ = cascadia.ParseGroup(st)
			c.end, _ = cascadia.ParseGroup(en)
		}
		out = append(out, c)
	}
	return out, nil
}

func (c compiled) String() string {
	if c.raw.Range == nil {
		return c.raw.CSS
	}
	b, _ := c.raw.MarshalJSON()
	return string(b)
}

// domRange is a DOM Range whose boundaries sit before or after elements,
// expressed as positions in a pre-order numbering of the tree.
type domRange struct {
	root     *html.Node
	order    map[*html.Node][2]int // pre-order index and last index of the subtree
	from, to int
	ancestor *html.Node
}

func (c compiled) resolveRange(root *html.Node, order map[*html.Node][2]int) (*domRange, error) {
	s := cascadia.Query(root, c.start)
	if s == nil {
		return nil, errorf(KindNoMatch, "the start of range %s matches nothing", c)
	}
	e := cascadia.Query(root, c.end)
	if e == nil {
		return nil, errorf(KindNoMatch, "the end of range %s matches nothing", c)
	}
	r := &domRange{root: root, order: order}
	r.from = order[s][0]
	if c.startAfter {
		r.from = order[s][1] + 1
	}
	r.to = order[e][0]
	if c.endAfter {
		r.to = order[e][1] + 1
	}
	r.ancestor = commonAncestor(s.Parent, e.Parent)
	return r, nil
}

func numberTree(root *html.Node) map[*html.Node][2]int {
	order := make(map[*html.Node][2]int)
	i := 0
	var stack []*html.Node
	for n := root; n != nil; {
		order[n] = [2]int{i, i}
		i++
		if n.FirstChild != nil {
			stack = append(stack, n)
			n = n.FirstChild
			continue
		}
		for n != nil && n.NextSibling == nil {
			n = nil
			if len(stack) > 0 {
				n = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				o := order[n]
				o[1] = i - 1
				order[n] = o
			}
		}
		if n != nil {
			n = n.NextSibling
		}
	}
	return order
}

func commonAncestor(a, b *html.Node) *html.Node {
	seen := map[*html.Node]bool{}
	for n := a; n != nil; n = n.Parent {
		seen[n] = true
	}
	for n := b; n != nil; n = n.Parent {
		if seen[n] {
			return n
		}
	}
	return nil
}

func (r *domRange) contains(n *html.Node) bool {
	o, ok := r.order[n]
	return ok && o[0] >= r.from && o[1] < r.to
}

func (r *domRange) intersects(n *html.Node) bool {
	o, ok := r.order[n]
	return ok && o[0] < r.to && o[1] >= r.from
}

// clone copies what the range covers, as Range.cloneContents does: whole
// nodes inside it, and shallow copies of the elements it cuts through.
func (r *domRange) clone() []*html.Node {
	if r.ancestor == nil || r.from >= r.to {
		return nil
	}
	var out []*html.Node
	for c := r.ancestor.FirstChild; c != nil; c = c.NextSibling {
		if n := r.cloneNode(c, 0); n != nil {
			out = append(out, n)
		}
	}
	return out
}

func (r *domRange) cloneNode(n *html.Node, depth int) *html.Node {
	if r.contains(n) {
		return deepClone(n)
	}
	if !r.intersects(n) || depth > maxDepth {
		return nil
	}
	cp := shallowClone(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if k := r.cloneNode(c, depth+1); k != nil {
			cp.AppendChild(k)
		}
	}
	return cp
}

// contained lists the outermost nodes wholly inside the range, for deletion.
func (r *domRange) contained() []*html.Node {
	if r.ancestor == nil || r.from >= r.to {
		return nil
	}
	var out []*html.Node
	for n := r.ancestor.FirstChild; n != nil; {
		if r.contains(n) {
			out = append(out, n)
			n = skipSubtree(n, new(int))
			if n != nil && !isInside(n, r.ancestor) {
				break
			}
			continue
		}
		n = nextInSubtree(n, r.ancestor)
	}
	return out
}

func isInside(n, root *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

func shallowClone(n *html.Node) *html.Node {
	cp := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		cp.Attr = append([]html.Attribute(nil), n.Attr...)
	}
	return cp
}

// deepClone copies a subtree without recursion.
func deepClone(n *html.Node) *html.Node {
	root := shallowClone(n)
	src, dst := n.FirstChild, root
	if src == nil {
		return root
	}
	for src != nil {
		cp := shallowClone(src)
		dst.AppendChild(cp)
		if src.FirstChild != nil {
			src, dst = src.FirstChild, cp
			continue
		}
		for src != nil && src.NextSibling == nil {
			src = src.Parent
			dst = dst.Parent
			if src == n {
				return root
			}
		}
		if src != nil {
			src = src.NextSibling
		}
	}
	return root
}

// removeMatches deletes what the remove rules match: CSS matches first,
// then ranges computed beforehand, as OTA does.
func removeMatches(root *html.Node, rules []compiled) error {
	var nodes []*html.Node
	var ranges []*domRange
	var order map[*html.Node][2]int
	for _, c := range rules {
		if c.raw.Range == nil {
			nodes = append(nodes, cascadia.QueryAll(root, c.css)...)
			continue
		}
		if order == nil {
			order = numberTree(root)
		}
		r, err := c.resolveRange(root, order)
		if err != nil {
			return err
		}
		ranges = append(ranges, r)
	}
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for _, r := range ranges {
		for _, n := range r.contained() {
			if n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
	}
	return nil
}

// selectMatches gathers what the select rules match into a fragment, in
// rule order and, within a rule, in document order. Every matched node is
// copied, so overlapping rules repeat content exactly as OTA does.
func selectMatches(root *html.Node, rules []compiled) (*html.Node, error) {
	frag := &html.Node{Type: html.DocumentNode}
	var order map[*html.Node][2]int
	var single []*html.Node
	total := 0
	for _, c := range rules {
		if c.raw.Range == nil {
			m := cascadia.QueryAll(root, c.css)
			total += len(m)
			single = append(single, m...)
			continue
		}
		if order == nil {
			order = numberTree(root)
		}
		r, err := c.resolveRange(root, order)
		if err != nil {
			return nil, err
		}
		cl := r.clone()
		total += len(cl) + 1
		for _, n := range cl {
			single = append(single, n)
		}
	}
	if total == 0 {
		return nil, errorf(KindNoMatch, "select %s matches nothing", describe(rules))
	}
	for _, n := range single {
		if n.Parent != nil && total > 1 {
			n = deepClone(n)
		} else if n.Parent != nil {
			// One match: move it instead of copying, the page is not
			// needed any more.
			n.Parent.RemoveChild(n)
		}
		frag.AppendChild(n)
	}
	return frag, nil
}

func describe(rules []compiled) string {
	parts := make([]string, len(rules))
	for i, c := range rules {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}
