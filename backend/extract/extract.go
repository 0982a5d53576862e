// Package extract turns a fetched page into the normalised Markdown of its
// terms, following Open Terms Archive rules (select, remove, ranges), and
// refuses pages that are not terms: error pages served with 200, bot
// challenges, cookie and login walls, JavaScript shells, and near-empty text.
package extract

import "strings"

// Page is one source page of a terms document.
type Page struct {
	HTML  []byte
	URL   string
	Rules Rules
}

// PartSeparator joins the parts of a multi-page document, as OTA does.
const PartSeparator = "\n\n- - -\n\n"

// Extract returns the Markdown of the terms in page, which must already be
// decoded to UTF-8. Relative links are made absolute against pageURL. With
// no select rule, the main content is found by heuristics. The error, if
// any, is an *Error.
func Extract(page []byte, pageURL string, r Rules) (string, error) {
	md, doc, err := convert(page, pageURL, r)
	if err != nil {
		if doc != nil && KindOf(err) == KindNoMatch {
			// A layout change and a bot wall both make the selector miss;
			// the wall is the more useful diagnosis.
			if perr := checkPage(doc, ""); perr != nil {
				return "", perr
			}
		}
		return "", err
	}
	if err := checkPage(doc, md); err != nil {
		return "", err
	}
	if err := Check(md); err != nil {
		return "", err
	}
	return md, nil
}

// ExtractPages extracts every page and joins the parts in order. One bad
// page fails the whole document, as a partial text would look like a change.
func ExtractPages(pages []Page) (string, error) {
	if len(pages) == 0 {
		return "", errorf(KindNotTerms, "no page to extract")
	}
	parts := make([]string, len(pages))
	for i, p := range pages {
		md, doc, err := convert(p.HTML, p.URL, p.Rules)
		if err == nil {
			err = checkPage(doc, md)
		}
		if err != nil {
			if e, ok := err.(*Error); ok && len(pages) > 1 {
				return "", &Error{Kind: e.Kind, Message: "page " + itoa(i+1) + " (" + p.URL + "): " + e.Message}
			}
			return "", err
		}
		parts[i] = md
	}
	md := strings.Join(parts, PartSeparator)
	if err := Check(md); err != nil {
		return "", err
	}
	return md, nil
}

// Convert runs the extraction without judging the result: it is what OTA
// would record. Callers that want the judgement use Extract.
func Convert(page []byte, pageURL string, r Rules) (string, error) {
	md, _, err := convert(page, pageURL, r)
	return md, err
}

func convert(page []byte, pageURL string, r Rules) (string, *document, error) {
	sel, err := compile(r.Select)
	if err != nil {
		return "", nil, err
	}
	rem, err := compile(r.Remove)
	if err != nil {
		return "", nil, err
	}
	doc, err := parse(page, pageURL)
	if err != nil {
		return "", nil, err
	}
	doc.absoluteLinks(doc.root)
	decodeEmails(doc.root)
	if err := removeMatches(doc.root, rem); err != nil {
		return "", doc, err
	}
	var frag = doc.root
	if len(sel) > 0 {
		frag, err = selectMatches(doc.root, sel)
		if err != nil {
			return "", doc, err
		}
	} else {
		frag = mainContent(doc.root)
	}
	return toMarkdown(frag), doc, nil
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
