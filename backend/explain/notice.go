package explain

import (
	"context"
	"regexp"
	"strings"
	"time"

	"fineprint/backend/analyze"
	"fineprint/backend/normalize"
)

// Told answers "was I told?" for a material change: did the earlier
// version promise notice of changes, and does the new text claim to have
// taken effect before anyone could have seen it?
type Told struct {
	PromisedNotice bool `json:"promised_notice"`
	// PromiseQuote is the earlier version's sentence, verbatim.
	PromiseQuote string `json:"promise_quote,omitempty"`
	Retroactive  bool   `json:"retroactive"`
	// EffectiveDate is the date the new text states (zero when none).
	EffectiveDate time.Time `json:"effective_date"`
	// Quote is the new text's line that states it, verbatim.
	Quote string `json:"quote,omitempty"`
}

// lateness is how long after publication the archive may first see a text
// without that being suspicious: checks run about daily, a computer may be
// asleep, and a stated date has no time zone.
const lateness = 48 * time.Hour

var (
	aboutChange = regexp.MustCompile(`(?i)\b(chang\w*|updat\w*|modif\w*|amend\w*|revis\w*)\b`)
	// A commitment followed, within the sentence, by a way of telling.
	promiseOfNotice = regexp.MustCompile(`(?i)\b(will|shall|we['’]ll|commit to|agree to|undertake to|are going to)\b[^.;]{0,100}?\b(notify|inform|tell|let you know|alert|e-?mail|send you|provide (you )?(with )?[\w ]{0,30}notice|give (you )?[\w ]{0,30}notice|post (a |an )?[\w ]{0,20}notice)|\byou will (be notified|be informed|receive (a )?[\w ]{0,20}notice)`)
	negated         = regexp.MustCompile(`(?i)\b(not|never|no obligation|without)\b`)
)

// Notice reads an earlier and a newer text of a document and the time the
// newer one was first seen. A date the new text states is retroactive when
// it ends more than two days before the text was first seen and it is not
// the date the earlier text already stated (an unchanged date belongs to an
// earlier change).
func Notice(oldText, newText string, firstSeen time.Time) Told {
	var n Told
	for _, sp := range analyze.Sentences(oldText) {
		s := oldText[sp.Start:sp.End]
		if !aboutChange.MatchString(s) {
			continue
		}
		m := promiseOfNotice.FindString(s)
		if m == "" || negated.MatchString(m) {
			continue
		}
		n.PromisedNotice, n.PromiseQuote = true, s
		break
	}
	d, monthOnly, quote, ok := statedEffective(newText)
	if !ok {
		return n
	}
	n.EffectiveDate, n.Quote = d, quote
	if od, _, _, ok := statedEffective(oldText); ok && od.Equal(d) {
		// The date did not move with the text, so it dates an earlier
		// change, not this one.
		return n
	}
	end := d.AddDate(0, 0, 1)
	if monthOnly {
		end = d.AddDate(0, 1, 0)
	}
	n.Retroactive = firstSeen.Sub(end) > lateness
	return n
}

// statedEffective is the date a text says it took effect (else its "last
// updated" date), with the line that says so.
func statedEffective(text string) (d time.Time, monthOnly bool, quote string, ok bool) {
	dates := normalize.StatedDates(text)
	if len(dates) == 0 {
		return time.Time{}, false, "", false
	}
	pick := dates[0]
	for _, sd := range dates {
		if sd.Kind == normalize.Effective {
			pick = sd
			break
		}
	}
	for _, line := range strings.Split(text, "\n") {
		for _, sd := range normalize.StatedDates(line) {
			if sd.Kind == pick.Kind && sd.Date.Equal(pick.Date) {
				return pick.Date, pick.MonthOnly, strings.TrimSpace(line), true
			}
		}
	}
	return pick.Date, pick.MonthOnly, "", true
}

// Summary is the sentence a change summary adds, or "" when there is
// nothing to flag.
func (n Told) Summary(ctx context.Context) string {
	w := wordsFor(ctx)
	date := n.EffectiveDate.Format("January 2, 2006")
	switch {
	case n.Retroactive && n.PromisedNotice:
		return w.say("notice.both", date)
	case n.Retroactive:
		return w.say("notice.retroactive", date)
	case n.PromisedNotice:
		return w.say("notice.promised")
	}
	return ""
}

// ChangeNotice is the "was I told?" verdict in the form the check pipeline
// takes (monitor.NoticeFunc): the summary sentence and the verdict.
func ChangeNotice(ctx context.Context, oldText, newText string, firstSeen time.Time) (string, any) {
	t := Notice(oldText, newText, firstSeen)
	return t.Summary(ctx), t
}
