package notify

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// Item is one change that may be worth a notification.
type Item struct {
	ChangeID     int64     `json:"change_id"`
	PlatformID   string    `json:"platform"`
	PlatformName string    `json:"platform_name"`
	Document     string    `json:"type"`
	Class        string    `json:"class"`
	Summary      string    `json:"summary"`
	Severity     string    `json:"severity,omitempty"` // "low", "medium", "high" once analysed
	DetectedAt   time.Time `json:"detected_at"`
}

// Rules are what the person decided about notifications.
type Rules struct {
	Enabled bool
	Quiet   settings.Quiet
	Muted   map[string]bool
}

// RulesFrom builds the rules from the settings and the muted platforms.
func RulesFrom(s settings.Settings, muted map[string]bool) Rules {
	return Rules{Enabled: s.Notifications, Quiet: s.Quiet(), Muted: muted}
}

// Decision is what to do with a run's changes.
type Decision struct {
	// Send is the notification to show now, nil for none.
	Send *Notification
	// Sent are the changes Send covers, most important first.
	Sent []Item
	// Hold are changes to show when the quiet hours end.
	Hold []Item
}

// Worth keeps the changes that may notify at all: material ones on platforms
// that are not muted. Minor edits, noise, reverts, technical re-reads and
// failed checks never notify.
func Worth(r Rules, items []Item) []Item {
	var out []Item
	seen := map[int64]bool{}
	for _, it := range items {
		if it.Class != store.ClassMaterial || r.Muted[it.PlatformID] || seen[it.ChangeID] {
			continue
		}
		seen[it.ChangeID] = true
		out = append(out, it)
	}
	return out
}

// Decide turns changes into at most one notification: a single change gets
// its own, several found together are grouped into one. During quiet hours
// nothing is shown and the changes are held.
func Decide(now time.Time, r Rules, items []Item) Decision {
	if !r.Enabled {
		return Decision{}
	}
	items = Worth(r, items)
	if len(items) == 0 {
		return Decision{}
	}
	if r.Quiet.Contains(now) {
		return Decision{Hold: items}
	}
	items = rank(items)
	n := Compose(items)
	return Decision{Send: &n, Sent: items}
}

var severityRank = map[string]int{"high": 3, "medium": 2, "low": 1}

// rank puts the most severe change first, then the newest.
func rank(items []Item) []Item {
	out := append([]Item(nil), items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := severityRank[out[i].Severity], severityRank[out[j].Severity]
		if a != b {
			return a > b
		}
		return out[i].DetectedAt.After(out[j].DetectedAt)
	})
	return out
}

// maxLines bounds a grouped notification's body; desktops cut long ones.
const maxLines = 5

// Compose writes the notification for changes already ranked.
func Compose(items []Item) Notification {
	n := Notification{Actions: OpenActions(), Urgency: UrgencyNormal}
	for _, it := range items {
		if it.Severity == "high" {
			n.Urgency = UrgencyCritical
		}
	}
	if len(items) == 1 {
		it := items[0]
		n.Summary = fmt.Sprintf("%s changed its %s", name(it), it.Document)
		n.Body = firstLine(it.Summary)
		if it.Severity != "" {
			n.Body += "\nSeverity: " + it.Severity
		}
		return n
	}
	platforms := map[string]bool{}
	for _, it := range items {
		platforms[it.PlatformID] = true
	}
	if len(platforms) == 1 {
		n.Summary = fmt.Sprintf("%s changed %d documents", name(items[0]), len(items))
	} else {
		n.Summary = fmt.Sprintf("%d platforms changed their terms", len(platforms))
	}
	var lines []string
	for i, it := range items {
		if i == maxLines {
			lines = append(lines, fmt.Sprintf("and %d more", len(items)-maxLines))
			break
		}
		line := fmt.Sprintf("%s · %s: %s", name(it), it.Document, firstLine(it.Summary))
		if it.Severity != "" {
			line += " (" + it.Severity + ")"
		}
		lines = append(lines, line)
	}
	n.Body = strings.Join(lines, "\n")
	return n
}

func name(it Item) string {
	if it.PlatformName != "" {
		return it.PlatformName
	}
	return it.PlatformID
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if s == "" {
		return "The terms changed."
	}
	return s
}
