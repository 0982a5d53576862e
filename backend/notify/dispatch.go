package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fineprint/backend/monitor"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// Held changes older than this are dropped: by then the weekly digest has
// listed them, and a week-old alert is noise.
const (
	holdFor = 7 * 24 * time.Hour
	maxHeld = 50
)

// Dispatcher sends the notifications of checks and the weekly digest, and
// turns clicks on them into requests to open the window.
type Dispatcher struct {
	Store    *store.Store
	Notifier Notifier
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnOpen is asked to show a change when its notification is clicked;
	// a grouped notification opens its first change and passes them all.
	OnOpen func(changeID int64, all []int64)
	// OnDigest is asked to show the digest page.
	OnDigest func()

	mu      sync.Mutex
	targets map[uint32]target
	hooked  bool
	// sending serialises deliveries: two batches of checks finishing
	// together must not both rewrite the held list.
	sending sync.Mutex
}

type target struct {
	changes []int64
	digest  bool
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// hook registers the click handler on first use.
func (d *Dispatcher) hook() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.hooked {
		return
	}
	d.hooked = true
	d.Notifier.OnAction(d.action)
}

func (d *Dispatcher) action(id uint32, key string) {
	if key != ActionDefault && key != ActionOpen {
		return
	}
	d.mu.Lock()
	t, ok := d.targets[id]
	d.mu.Unlock()
	switch {
	case !ok:
	case t.digest && d.OnDigest != nil:
		d.OnDigest()
	case len(t.changes) > 0 && d.OnOpen != nil:
		d.OnOpen(t.changes[0], append([]int64(nil), t.changes...))
	}
}

// Items finds the changes a run of checks recorded.
func (d *Dispatcher) Items(ctx context.Context, results []monitor.Result) ([]Item, error) {
	var out []Item
	for _, r := range results {
		if r.Outcome != store.OutcomeChanged || r.Class == nil || r.VersionID == nil {
			continue
		}
		// The change is stamped with the check's start; a second of slack
		// covers the archive's millisecond timestamps.
		cs, err := d.Store.Changes(ctx, store.ChangeFilter{DocumentID: r.DocumentID, Since: r.At.Add(-time.Second)})
		if err != nil {
			return out, err
		}
		for _, c := range cs {
			if c.ToVersionID == *r.VersionID {
				out = append(out, itemOf(c))
				break
			}
		}
	}
	return out, nil
}

func itemOf(c store.Change) Item {
	// The pipeline stores the worst severity of the provisions a change
	// added or changed in its details.
	var d struct {
		Severity string `json:"severity"`
	}
	json.Unmarshal(c.Details, &d)
	return Item{ChangeID: c.ID, PlatformID: c.PlatformID, PlatformName: c.PlatformName, Document: c.DocumentType,
		Class: c.Class, Summary: c.Summary, DetectedAt: c.DetectedAt, Severity: d.Severity}
}

// Results notifies of what a run of checks found, as the rules say; it
// reports whether a notification was shown.
func (d *Dispatcher) Results(ctx context.Context, results []monitor.Result) (bool, error) {
	items, err := d.Items(ctx, results)
	if err != nil {
		return false, err
	}
	return d.Deliver(ctx, items)
}

// Flush shows the changes held during quiet hours once they are over.
func (d *Dispatcher) Flush(ctx context.Context) (bool, error) {
	return d.Deliver(ctx, nil)
}

// Deliver decides on items together with those held before, then shows one
// notification, holds them, or drops them. A notification that cannot be
// shown is held and tried again at the next flush, so that a change found
// before the desktop session was up still reaches the person.
func (d *Dispatcher) Deliver(ctx context.Context, items []Item) (bool, error) {
	d.sending.Lock()
	defer d.sending.Unlock()
	now := d.now()
	set, err := settings.Load(ctx, d.Store)
	if err != nil {
		return false, err
	}
	muted, err := d.Store.MutedPlatforms(ctx)
	if err != nil {
		return false, err
	}
	held, err := d.held(ctx, now)
	if err != nil {
		return false, err
	}
	all := append(held, items...)
	if len(all) == 0 {
		return false, nil
	}
	rules := RulesFrom(set, muted)
	dec := Decide(now, rules, all)
	if dec.Send == nil {
		return false, d.hold(ctx, dec.Hold)
	}
	d.hook()
	id, err := d.Notifier.Notify(ctx, *dec.Send)
	if err != nil {
		if herr := d.hold(ctx, dec.Sent); herr != nil {
			return false, herr
		}
		return false, err
	}
	ids := make([]int64, len(dec.Sent))
	for i, it := range dec.Sent {
		ids[i] = it.ChangeID
	}
	d.remember(id, target{changes: ids})
	return true, d.hold(ctx, nil)
}

func (d *Dispatcher) remember(id uint32, t target) {
	d.mu.Lock()
	if d.targets == nil {
		d.targets = map[uint32]target{}
	}
	d.targets[id] = t
	d.mu.Unlock()
}

// Held lists the changes waiting for the end of the quiet hours.
func (d *Dispatcher) Held(ctx context.Context) ([]Item, error) { return d.held(ctx, d.now()) }

func (d *Dispatcher) held(ctx context.Context, now time.Time) ([]Item, error) {
	v, err := d.Store.Setting(ctx, settings.KeyPendingNotices, "")
	if err != nil || v == "" {
		return nil, err
	}
	var items []Item
	if json.Unmarshal([]byte(v), &items) != nil {
		return nil, nil // a damaged list is dropped, not fatal
	}
	out := items[:0]
	for _, it := range items {
		if now.Sub(it.DetectedAt) < holdFor {
			out = append(out, it)
		}
	}
	return out, nil
}

func (d *Dispatcher) hold(ctx context.Context, items []Item) error {
	if len(items) > maxHeld {
		items = items[len(items)-maxHeld:]
	}
	v := ""
	if len(items) > 0 {
		b, err := json.Marshal(items)
		if err != nil {
			return err
		}
		v = string(b)
	}
	old, err := d.Store.Setting(ctx, settings.KeyPendingNotices, "")
	if err != nil || old == v {
		return err
	}
	return d.Store.SetSetting(ctx, settings.KeyPendingNotices, v)
}

// Tick is the scheduler's minute: held notifications after quiet hours, and
// the weekly digest when its time has come. It returns the first error.
func (d *Dispatcher) Tick(ctx context.Context) error {
	_, err := d.Flush(ctx)
	if _, derr := d.Digest(ctx); err == nil {
		err = derr
	}
	return err
}

// Digest is a week of material changes.
type Digest struct {
	From    time.Time      `json:"from"`
	To      time.Time      `json:"to"`
	Changes []store.Change `json:"changes"`
}

// Platforms counts the platforms in the digest.
func (g Digest) Platforms() int {
	seen := map[string]bool{}
	for _, c := range g.Changes {
		seen[c.PlatformID] = true
	}
	return len(seen)
}

// Week lists the material changes of the seven days up to now.
func Week(ctx context.Context, s *store.Store, now time.Time) (Digest, error) {
	from := now.Add(-7 * 24 * time.Hour)
	cs, err := s.Changes(ctx, store.ChangeFilter{Since: from, Classes: []string{store.ClassMaterial}})
	if err != nil {
		return Digest{}, err
	}
	var in []store.Change
	for _, c := range cs {
		if !c.DetectedAt.After(now) {
			in = append(in, c)
		}
	}
	return Digest{From: from, To: now, Changes: in}, nil
}

// DigestSlot is the latest digest time at or before now: the weekday and
// hour of the settings, in now's time zone.
func DigestSlot(now time.Time, weekday, hour int) time.Time {
	day := time.Date(now.Year(), now.Month(), now.Day(), hour, 0, 0, 0, now.Location())
	back := (int(now.Weekday()) - weekday + 7) % 7
	slot := day.AddDate(0, 0, -back)
	if slot.After(now) {
		slot = slot.AddDate(0, 0, -7)
	}
	return slot
}

// Digest shows the weekly digest once its time has come; it reports whether
// one was shown. A new archive starts counting from now rather than sending
// a digest at once; a week without material changes shows nothing; quiet
// hours put it off until they end.
func (d *Dispatcher) Digest(ctx context.Context) (bool, error) {
	d.sending.Lock()
	defer d.sending.Unlock()
	now := d.now()
	set, err := settings.Load(ctx, d.Store)
	if err != nil {
		return false, err
	}
	last, err := d.Store.Setting(ctx, settings.KeyDigestLastSent, "")
	if err != nil {
		return false, err
	}
	lastSent, perr := time.Parse(time.RFC3339, last)
	if last == "" || perr != nil {
		return false, d.Store.SetSetting(ctx, settings.KeyDigestLastSent, now.UTC().Format(time.RFC3339))
	}
	slot := DigestSlot(now, set.DigestDay, set.DigestHour)
	if !lastSent.Before(slot) {
		return false, nil
	}
	if set.Notifications && set.Quiet().Contains(now) {
		return false, nil
	}
	done := func() error {
		return d.Store.SetSetting(ctx, settings.KeyDigestLastSent, now.UTC().Format(time.RFC3339))
	}
	if !set.Notifications {
		return false, done()
	}
	week, err := Week(ctx, d.Store, now)
	if err != nil {
		return false, err
	}
	muted, err := d.Store.MutedPlatforms(ctx)
	if err != nil {
		return false, err
	}
	var shown []store.Change
	for _, c := range week.Changes {
		if !muted[c.PlatformID] {
			shown = append(shown, c)
		}
	}
	if len(shown) == 0 {
		return false, done()
	}
	week.Changes = shown
	d.hook()
	id, err := d.Notifier.Notify(ctx, ComposeDigest(week))
	if err != nil {
		return false, err
	}
	d.remember(id, target{digest: true})
	return true, done()
}

// ComposeDigest writes the digest notification: how many changes on how
// many platforms, and one line per platform naming its documents.
func ComposeDigest(g Digest) Notification {
	byPlatform := map[string][]string{}
	names := map[string]string{}
	var order []string
	for _, c := range g.Changes {
		if _, ok := byPlatform[c.PlatformID]; !ok {
			order = append(order, c.PlatformID)
			names[c.PlatformID] = c.PlatformName
		}
		if !contains(byPlatform[c.PlatformID], c.DocumentType) {
			byPlatform[c.PlatformID] = append(byPlatform[c.PlatformID], c.DocumentType)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return strings.ToLower(names[order[i]]) < strings.ToLower(names[order[j]]) })
	changes := plural(len(g.Changes), "change", "changes")
	summary := fmt.Sprintf("This week: %s on %s", changes, plural(len(order), "platform", "platforms"))
	var lines []string
	for i, p := range order {
		if i == maxLines {
			lines = append(lines, fmt.Sprintf("and %d more", len(order)-maxLines))
			break
		}
		lines = append(lines, names[p]+": "+strings.Join(byPlatform[p], ", "))
	}
	return Notification{Summary: summary, Body: strings.Join(lines, "\n"), Actions: OpenActions(), Urgency: UrgencyLow}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
