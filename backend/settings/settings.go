// Package settings names the user's preferences kept in the archive, with
// their defaults and checks, so that the window, the headless commands and
// the scheduler read them the same way.
package settings

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid marks a value a person entered that cannot be used.
var ErrInvalid = errors.New("invalid setting")

// Keys in the settings table. Language is shared with the fetcher, which
// sends it as Accept-Language.
const (
	KeyCheckInterval      = "monitor.interval_hours"
	KeyNotifications      = "notify.enabled"
	KeyQuietStart         = "notify.quiet_start"
	KeyQuietEnd           = "notify.quiet_end"
	KeyDigestDay          = "digest.day"
	KeyDigestHour         = "digest.hour"
	KeyKeepRunningOnClose = "background.keep_running"
	KeyAutostart          = "background.autostart"
	KeyLanguage           = "fetch.language"

	// State, not preferences: kept here so that every key is in one place.
	KeyPendingNotices  = "notify.pending"
	KeyDigestLastSent  = "digest.last_sent"
	KeyFirstCloseShown = "background.first_close_shown"
)

// Defaults.
const (
	DefaultIntervalHours = 24
	DefaultDigestDay     = int(time.Monday)
	DefaultDigestHour    = 9
	DefaultLanguage      = "en"
)

// Bounds of the check interval: more often than hourly is impolite to the
// sites, and less than monthly misses changes that take effect in 30 days.
const (
	MinIntervalHours = 1
	MaxIntervalHours = 24 * 30
)

// Settings are the preferences a person sets in the window.
type Settings struct {
	CheckIntervalHours int    `json:"checkIntervalHours"`
	Notifications      bool   `json:"notifications"`
	QuietStart         string `json:"quietStart"`
	QuietEnd           string `json:"quietEnd"`
	DigestDay          int    `json:"digestDay"`
	DigestHour         int    `json:"digestHour"`
	KeepRunningOnClose bool   `json:"keepRunningOnClose"`
	Autostart          bool   `json:"autostart"`
	Language           string `json:"language"`
}

// Defaults are the settings of a new archive.
func Defaults() Settings {
	return Settings{CheckIntervalHours: DefaultIntervalHours, Notifications: true, DigestDay: DefaultDigestDay,
		DigestHour: DefaultDigestHour, KeepRunningOnClose: true, Language: DefaultLanguage}
}

// Interval is the check interval as a duration.
func (s Settings) Interval() time.Duration { return time.Duration(s.CheckIntervalHours) * time.Hour }

// Quiet is the quiet-hours window, zero when none is set.
func (s Settings) Quiet() Quiet {
	a, errA := ParseClock(s.QuietStart)
	b, errB := ParseClock(s.QuietEnd)
	if errA != nil || errB != nil || s.QuietStart == "" || s.QuietEnd == "" || a == b {
		return Quiet{}
	}
	return Quiet{Start: a, End: b, Set: true}
}

// Validate reports the first unusable value, naming the field.
func (s Settings) Validate() error {
	if s.CheckIntervalHours < MinIntervalHours || s.CheckIntervalHours > MaxIntervalHours {
		return fmt.Errorf("%w: the check interval must be between %d hour and %d days", ErrInvalid, MinIntervalHours, MaxIntervalHours/24)
	}
	for _, v := range []struct{ name, value string }{{"quiet hours start", s.QuietStart}, {"quiet hours end", s.QuietEnd}} {
		if v.value == "" {
			continue
		}
		if _, err := ParseClock(v.value); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrInvalid, v.name, err)
		}
	}
	if (s.QuietStart == "") != (s.QuietEnd == "") {
		return fmt.Errorf("%w: quiet hours need both a start and an end", ErrInvalid)
	}
	if s.DigestDay < 0 || s.DigestDay > 6 {
		return fmt.Errorf("%w: the digest day must be 0 (Sunday) to 6 (Saturday)", ErrInvalid)
	}
	if s.DigestHour < 0 || s.DigestHour > 23 {
		return fmt.Errorf("%w: the digest hour must be 0 to 23", ErrInvalid)
	}
	if strings.TrimSpace(s.Language) == "" {
		return fmt.Errorf("%w: the language cannot be empty", ErrInvalid)
	}
	return nil
}

// ParseClock reads "HH:MM" as minutes after midnight.
func ParseClock(v string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(v), ":")
	hh, errH := strconv.Atoi(h)
	mm, errM := strconv.Atoi(m)
	if !ok || errH != nil || errM != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("%q is not a time of day like 22:00", v)
	}
	return hh*60 + mm, nil
}

// Quiet is a daily window, in local minutes after midnight, during which no
// notification is shown. It may wrap past midnight (22:00 to 07:00).
type Quiet struct {
	Start, End int
	Set        bool
}

// Contains reports whether t falls in the window.
func (q Quiet) Contains(t time.Time) bool {
	if !q.Set {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if q.Start < q.End {
		return m >= q.Start && m < q.End
	}
	return m >= q.Start || m < q.End
}

// EndAfter is when the window that contains t ends (t itself when t is
// outside it).
func (q Quiet) EndAfter(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	end := day.Add(time.Duration(q.End) * time.Minute)
	if !end.After(t) {
		end = day.AddDate(0, 0, 1).Add(time.Duration(q.End) * time.Minute)
	}
	return end
}

// Reader is the part of the archive that keeps settings.
type Reader interface {
	Setting(ctx context.Context, key, def string) (string, error)
}

// Writer also writes them.
type Writer interface {
	Reader
	SetSetting(ctx context.Context, key, value string) error
}

// Load reads the settings, using the default for any that is unset or
// unreadable (an archive edited by hand must not stop the app).
func Load(ctx context.Context, r Reader) (Settings, error) {
	d := Defaults()
	var err error
	get := func(key, def string) string {
		if err != nil {
			return def
		}
		var v string
		v, err = r.Setting(ctx, key, def)
		return v
	}
	s := Settings{
		CheckIntervalHours: atoi(get(KeyCheckInterval, ""), d.CheckIntervalHours),
		Notifications:      get(KeyNotifications, "true") != "false",
		QuietStart:         get(KeyQuietStart, ""),
		QuietEnd:           get(KeyQuietEnd, ""),
		DigestDay:          atoi(get(KeyDigestDay, ""), d.DigestDay),
		DigestHour:         atoi(get(KeyDigestHour, ""), d.DigestHour),
		KeepRunningOnClose: get(KeyKeepRunningOnClose, "true") != "false",
		Autostart:          get(KeyAutostart, "false") == "true",
		Language:           get(KeyLanguage, d.Language),
	}
	if err != nil {
		return d, err
	}
	if s.CheckIntervalHours < MinIntervalHours || s.CheckIntervalHours > MaxIntervalHours {
		s.CheckIntervalHours = d.CheckIntervalHours
	}
	if s.DigestDay < 0 || s.DigestDay > 6 {
		s.DigestDay = d.DigestDay
	}
	if s.DigestHour < 0 || s.DigestHour > 23 {
		s.DigestHour = d.DigestHour
	}
	if _, e := ParseClock(s.QuietStart); e != nil {
		s.QuietStart, s.QuietEnd = "", ""
	}
	if _, e := ParseClock(s.QuietEnd); e != nil {
		s.QuietStart, s.QuietEnd = "", ""
	}
	if strings.TrimSpace(s.Language) == "" {
		s.Language = d.Language
	}
	return s, nil
}

// Save validates and writes the settings.
func Save(ctx context.Context, w Writer, s Settings) error {
	s.QuietStart, s.QuietEnd = strings.TrimSpace(s.QuietStart), strings.TrimSpace(s.QuietEnd)
	s.Language = strings.TrimSpace(s.Language)
	if err := s.Validate(); err != nil {
		return err
	}
	for _, kv := range [][2]string{
		{KeyCheckInterval, strconv.Itoa(s.CheckIntervalHours)},
		{KeyNotifications, strconv.FormatBool(s.Notifications)},
		{KeyQuietStart, s.QuietStart},
		{KeyQuietEnd, s.QuietEnd},
		{KeyDigestDay, strconv.Itoa(s.DigestDay)},
		{KeyDigestHour, strconv.Itoa(s.DigestHour)},
		{KeyKeepRunningOnClose, strconv.FormatBool(s.KeepRunningOnClose)},
		{KeyAutostart, strconv.FormatBool(s.Autostart)},
		{KeyLanguage, s.Language},
	} {
		if err := w.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

func atoi(v string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}
