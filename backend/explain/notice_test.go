package explain

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNoticePromised(t *testing.T) {
	old := "# Terms\n\nEffective: January 5, 2025\n\n## Changes\n\nWe may update these Terms. We will notify you by email at least 30 days before a material change takes effect.\n"
	n := Notice(old, "# Terms\n\nNew text.", day("2025-06-01"))
	if !n.PromisedNotice || n.PromiseQuote != "We will notify you by email at least 30 days before a material change takes effect." {
		t.Errorf("promise not found: %+v", n)
	}
	if !strings.Contains(old, n.PromiseQuote) {
		t.Errorf("promise quote is not verbatim: %q", n.PromiseQuote)
	}
	for _, text := range []string{
		"We may change these Terms at any time without notice to you.",
		"We will not notify you of changes to this policy.",
		"We will email you a receipt for each purchase.",
		"You will be notified when your export is ready.",
	} {
		if n := Notice(text, "x", day("2025-06-01")); n.PromisedNotice {
			t.Errorf("%q read as a promise of notice: %q", text, n.PromiseQuote)
		}
	}
	for _, text := range []string{
		"If we make material changes to this Privacy Policy, we will provide you with notice before the changes take effect.",
		"When we update these terms, you will be notified through the app.",
		"We'll let you know before we modify these Terms.",
	} {
		if n := Notice(text, "x", day("2025-06-01")); !n.PromisedNotice {
			t.Errorf("%q not read as a promise of notice", text)
		}
	}
}

func TestNoticeRetroactive(t *testing.T) {
	old := "# Terms\n\nEffective: January 5, 2025\n\nOld text."
	newer := "# Terms\n\nEffective: March 1, 2025\n\nNew text."
	cases := []struct {
		name      string
		old, new  string
		firstSeen time.Time
		want      bool
	}{
		{"seen long after the date it claims", old, newer, day("2025-04-20"), true},
		{"seen the day after: the check lag", old, newer, day("2025-03-02").Add(10 * time.Hour), false},
		{"announced ahead", old, newer, day("2025-02-01"), false},
		{"the date did not move with the text", old, strings.Replace(old, "Old", "Changed", 1), day("2025-08-01"), false},
		{"no date stated", old, "# Terms\n\nNew text.", day("2025-08-01"), false},
		{"a month only: all of March counts", old, "# Terms\n\nLast updated: March 2025\n\nNew.", day("2025-04-01"), false},
		{"a month only, seen in May", old, "# Terms\n\nLast updated: March 2025\n\nNew.", day("2025-05-10"), true},
	}
	for _, c := range cases {
		n := Notice(c.old, c.new, c.firstSeen)
		if n.Retroactive != c.want {
			t.Errorf("%s: retroactive = %v, want %v (%+v)", c.name, n.Retroactive, c.want, n)
		}
	}
	n := Notice(old, newer, day("2025-04-20"))
	if !n.EffectiveDate.Equal(day("2025-03-01")) || n.Quote != "Effective: March 1, 2025" {
		t.Errorf("effective date %v from %q", n.EffectiveDate, n.Quote)
	}
	if s := n.Summary(t.Context()); !strings.Contains(s, "March 1, 2025") {
		t.Errorf("summary %q", s)
	}
	if s := Notice("x", "y", day("2025-01-01")).Summary(t.Context()); s != "" {
		t.Errorf("nothing to flag, yet summary %q", s)
	}
}
