package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Without select rules the terms are found the way a reader would: the page's
// declared main region if it has one, else the block holding most of the
// text once navigation, page chrome and consent banners are set aside.

var boilerplateRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true,
	"complementary": true, "dialog": true, "alertdialog": true, "search": true}

var boilerplateNames = regexp.MustCompile(`(?i)(^|[-_ ])(cookie|cookies|consent|gdpr|onetrust|cmp|banner|skip-?link|breadcrumbs?|navbar|nav|menu|sidebar|footer|header|share|social|newsletter|modal|popup)($|[-_ ])`)

// mainContent picks the subtree to convert from a prepared page. It changes
// the tree (boilerplate is removed).
func mainContent(root *html.Node) *html.Node {
	dropBoilerplate(root)
	var best *html.Node
	bestLen := 0
	for n := root; n != nil; n = nextInSubtree(n, root) {
		a := htmlAtom(n)
		if a == atom.Main || (n.Type == html.ElementNode && strings.EqualFold(attr(n, "role"), "main")) {
			if l := textLen(n, false); l > bestLen {
				best, bestLen = n, l
			}
		}
	}
	if best == nil {
		for n := root; n != nil; n = nextInSubtree(n, root) {
			if htmlAtom(n) == atom.Article {
				if l := textLen(n, false); l > bestLen {
					best, bestLen = n, l
				}
			}
		}
	}
	body := findBody(root)
	if best != nil && bestLen*5 >= textLen(body, false) {
		return wrap(best)
	}
	return wrap(densest(body))
}

func wrap(n *html.Node) *html.Node {
	frag := &html.Node{Type: html.DocumentNode}
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
	frag.AppendChild(n)
	return frag
}

func findBody(root *html.Node) *html.Node {
	for n := root; n != nil; n = nextInSubtree(n, root) {
		if htmlAtom(n) == atom.Body {
			return n
		}
	}
	return root
}

// densest walks down from n while one child holds most of the text that is
// not link text, and stops where the text is spread over several children.
func densest(n *html.Node) *html.Node {
	for {
		total := textLen(n, true)
		if total == 0 {
			return n
		}
		var top *html.Node
		topLen := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if l := textLen(c, true); l > topLen {
				top, topLen = c, l
			}
		}
		if top == nil || topLen*10 < total*8 {
			return n
		}
		n = top
	}
}

// textLen counts the non-space bytes of n's text, leaving out link text when
// asked, since menus are mostly links.
func textLen(n *html.Node, skipLinks bool) int {
	if n == nil {
		return 0
	}
	total := 0
	for d := n.FirstChild; d != nil; {
		if skipLinks && htmlAtom(d) == atom.A {
			d = skipWithin(d, n)
			continue
		}
		if d.Type == html.TextNode {
			for i := 0; i < len(d.Data); i++ {
				if !asciiSpace(d.Data[i]) {
					total++
				}
			}
		}
		d = nextInSubtree(d, n)
	}
	return total
}

func skipWithin(d, root *html.Node) *html.Node {
	for d != root {
		if d.NextSibling != nil {
			return d.NextSibling
		}
		d = d.Parent
	}
	return nil
}

func dropBoilerplate(root *html.Node) {
	var drop []*html.Node
	for n := root; n != nil; {
		if isBoilerplate(n) {
			drop = append(drop, n)
			n = skipWithin(n, root)
			continue
		}
		n = nextInSubtree(n, root)
	}
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

func isBoilerplate(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch htmlAtom(n) {
	case atom.Nav, atom.Aside, atom.Dialog, atom.Form, atom.Button, atom.Select:
		return true
	case atom.Header, atom.Footer:
		// A header inside an article is the document's own title block.
		return !hasAncestor(n, atom.Article, atom.Main)
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return false
	}
	if boilerplateRoles[strings.ToLower(attr(n, "role"))] {
		return true
	}
	if attr(n, "aria-hidden") == "true" || hasAttr(n, "hidden") {
		return true
	}
	id, class := attr(n, "id"), attr(n, "class")
	if id == "" && class == "" {
		return false
	}
	if !boilerplateNames.MatchString(id) && !boilerplateNames.MatchString(class) {
		return false
	}
	// A name like "cookie-policy" may label the terms themselves: only a
	// small block is taken for a banner or a menu.
	return textLen(n, false) < 1500
}

func hasAncestor(n *html.Node, list ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range list {
			if htmlAtom(p) == a {
				return true
			}
		}
	}
	return false
}
