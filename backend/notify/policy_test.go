package notify

import (
	"strings"
	"testing"
	"time"

	"fineprint/backend/settings"
	"fineprint/backend/store"
)

var noon = time.Date(2025, 3, 5, 12, 0, 0, 0, time.Local)

func item(id int64, platform, doc, class string) Item {
	return Item{ChangeID: id, PlatformID: strings.ToLower(platform), PlatformName: platform, Document: doc, Class: class,
		Summary: "1 section added (AI training); +24/-0 words\nmore detail", DetectedAt: noon.Add(time.Duration(id) * time.Minute)}
}

var on = Rules{Enabled: true}

func TestOneMaterialChangeOneNotification(t *testing.T) {
	d := Decide(noon, on, []Item{item(7, "Acme", "Terms of Service", store.ClassMaterial)})
	if d.Send == nil || len(d.Sent) != 1 || len(d.Hold) != 0 {
		t.Fatalf("decision: %+v", d)
	}
	n := *d.Send
	if n.Summary != "Acme changed its Terms of Service" || n.Body != "1 section added (AI training); +24/-0 words" || n.Urgency != UrgencyNormal {
		t.Fatalf("notification: %+v", n)
	}
	if len(n.Actions) != 2 || n.Actions[0] != (Action{"default", "Open"}) || n.Actions[1] != (Action{"open", "Open"}) {
		t.Fatalf("actions: %+v", n.Actions)
	}
	high := item(8, "Acme", "Privacy Policy", store.ClassMaterial)
	high.Severity = "high"
	if n := Decide(noon, on, []Item{high}).Send; n.Urgency != UrgencyCritical || !strings.HasSuffix(n.Body, "\nSeverity: high") {
		t.Fatalf("severity: %+v", n)
	}
}

func TestNoiseStaysSilent(t *testing.T) {
	for _, class := range []string{store.ClassMinor, store.ClassNoise, store.ClassRevert, store.ClassTechnical, ""} {
		if d := Decide(noon, on, []Item{item(1, "Acme", "Terms of Service", class)}); d.Send != nil || len(d.Hold) != 0 {
			t.Errorf("class %q notified: %+v", class, d)
		}
	}
	if d := Decide(noon, on, nil); d.Send != nil {
		t.Fatal("nothing found, something sent")
	}
}

func TestSeveralChangesAreGrouped(t *testing.T) {
	items := []Item{
		item(1, "Acme", "Terms of Service", store.ClassMaterial),
		item(2, "Globex", "Privacy Policy", store.ClassMaterial),
		item(3, "Initech", "Terms of Service", store.ClassMaterial),
		item(4, "Initech", "Privacy Policy", store.ClassMinor),
	}
	items[0].Severity = "high"
	d := Decide(noon, on, items)
	if d.Send == nil || len(d.Sent) != 3 {
		t.Fatalf("decision: %+v", d)
	}
	if d.Send.Summary != "3 platforms changed their terms" || d.Sent[0].ChangeID != 1 || d.Sent[1].ChangeID != 3 {
		t.Fatalf("grouped: %q, order %v", d.Send.Summary, d.Sent)
	}
	lines := strings.Split(d.Send.Body, "\n")
	if len(lines) != 3 || lines[0] != "Acme · Terms of Service: 1 section added (AI training); +24/-0 words (high)" {
		t.Fatalf("body: %q", d.Send.Body)
	}
	same := Decide(noon, on, []Item{item(1, "Acme", "Terms of Service", store.ClassMaterial), item(2, "Acme", "Privacy Policy", store.ClassMaterial)})
	if same.Send.Summary != "Acme changed 2 documents" {
		t.Fatalf("one platform: %q", same.Send.Summary)
	}
	var many []Item
	for i := range 8 {
		many = append(many, item(int64(i+1), string(rune('A'+i))+"corp", "Terms of Service", store.ClassMaterial))
	}
	body := Decide(noon, on, many).Send.Body
	if lines := strings.Split(body, "\n"); len(lines) != 6 || lines[5] != "and 3 more" {
		t.Fatalf("long group: %q", body)
	}
	// The same change reported twice (held, then found again) counts once.
	dup := Decide(noon, on, []Item{items[1], items[1]})
	if len(dup.Sent) != 1 || dup.Send.Summary != "Globex changed its Privacy Policy" {
		t.Fatalf("duplicate: %+v", dup)
	}
}

func TestQuietHoursHold(t *testing.T) {
	r := Rules{Enabled: true, Quiet: settings.Settings{QuietStart: "22:00", QuietEnd: "07:00"}.Quiet()}
	items := []Item{item(1, "Acme", "Terms of Service", store.ClassMaterial), item(2, "Acme", "Privacy Policy", store.ClassMinor)}
	night := time.Date(2025, 3, 5, 23, 30, 0, 0, time.Local)
	d := Decide(night, r, items)
	if d.Send != nil || len(d.Hold) != 1 || d.Hold[0].ChangeID != 1 {
		t.Fatalf("at night: %+v", d)
	}
	morning := time.Date(2025, 3, 6, 7, 0, 0, 0, time.Local)
	if d = Decide(morning, r, d.Hold); d.Send == nil {
		t.Fatal("not shown when the quiet hours ended")
	}
}

func TestMuteAndDisable(t *testing.T) {
	items := []Item{item(1, "Acme", "Terms of Service", store.ClassMaterial), item(2, "Globex", "Terms of Service", store.ClassMaterial)}
	d := Decide(noon, Rules{Enabled: true, Muted: map[string]bool{"acme": true}}, items)
	if d.Send == nil || len(d.Sent) != 1 || d.Send.Summary != "Globex changed its Terms of Service" {
		t.Fatalf("muted acme: %+v", d)
	}
	if d := Decide(noon, Rules{Enabled: true, Muted: map[string]bool{"acme": true, "globex": true}}, items); d.Send != nil || d.Hold != nil {
		t.Fatalf("all muted: %+v", d)
	}
	if d := Decide(noon, Rules{}, items); d.Send != nil || d.Hold != nil {
		t.Fatalf("disabled: %+v", d)
	}
}

func TestDigestSlot(t *testing.T) {
	loc := time.Local
	wed := time.Date(2025, 3, 5, 12, 0, 0, 0, loc) // a Wednesday
	if got := DigestSlot(wed, int(time.Monday), 9); !got.Equal(time.Date(2025, 3, 3, 9, 0, 0, 0, loc)) {
		t.Fatalf("Monday 09:00 before Wednesday: %s", got)
	}
	if got := DigestSlot(wed, int(time.Wednesday), 13); !got.Equal(time.Date(2025, 2, 26, 13, 0, 0, 0, loc)) {
		t.Fatalf("later the same day: %s", got)
	}
	if got := DigestSlot(wed, int(time.Wednesday), 12); !got.Equal(wed) {
		t.Fatalf("exactly now: %s", got)
	}
}

func TestComposeDigest(t *testing.T) {
	g := Digest{Changes: []store.Change{
		{PlatformID: "globex", PlatformName: "Globex", DocumentType: "Privacy Policy"},
		{PlatformID: "acme", PlatformName: "Acme", DocumentType: "Terms of Service"},
		{PlatformID: "acme", PlatformName: "Acme", DocumentType: "Privacy Policy"},
		{PlatformID: "acme", PlatformName: "Acme", DocumentType: "Terms of Service"},
	}}
	n := ComposeDigest(g)
	if n.Summary != "This week: 4 changes on 2 platforms" || n.Body != "Acme: Terms of Service, Privacy Policy\nGlobex: Privacy Policy" || g.Platforms() != 2 {
		t.Fatalf("digest: %+v", n)
	}
}
