package settings

import (
	"context"
	"errors"
	"testing"
	"time"
)

// memory keeps settings in a map, as the archive's settings table does.
type memory map[string]string

func (m memory) Setting(_ context.Context, key, def string) (string, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	return def, nil
}

func (m memory) SetSetting(_ context.Context, key, value string) error { m[key] = value; return nil }

func TestDefaultsAndRoundTrip(t *testing.T) {
	ctx := context.Background()
	m := memory{}
	s, err := Load(ctx, m)
	if err != nil || s != Defaults() {
		t.Fatalf("defaults: %+v %v", s, err)
	}
	if s.Interval() != 24*time.Hour || !s.Notifications || !s.KeepRunningOnClose || s.DigestDay != 1 || s.DigestHour != 9 || s.Language != "en" {
		t.Fatalf("default values: %+v", s)
	}
	s.CheckIntervalHours, s.QuietStart, s.QuietEnd, s.Autostart, s.Notifications = 6, "22:00", "07:30", true, false
	if err := Save(ctx, m, s); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(ctx, m)
	if got != s {
		t.Fatalf("round trip: %+v != %+v", got, s)
	}
}

func TestValidateAndRepair(t *testing.T) {
	ctx := context.Background()
	for _, bad := range []Settings{
		{CheckIntervalHours: 0, DigestHour: 9, Language: "en"},
		{CheckIntervalHours: 24, QuietStart: "25:00", QuietEnd: "07:00", Language: "en"},
		{CheckIntervalHours: 24, QuietStart: "22:00", Language: "en"},
		{CheckIntervalHours: 24, DigestDay: 7, Language: "en"},
		{CheckIntervalHours: 24, DigestHour: 24, Language: "en"},
		{CheckIntervalHours: 24, Language: " "},
	} {
		if err := Save(ctx, memory{}, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: want ErrInvalid, got %v", bad, err)
		}
	}
	// A hand-edited archive falls back to defaults instead of failing.
	m := memory{KeyCheckInterval: "x", KeyDigestDay: "9", KeyQuietStart: "late", KeyQuietEnd: "07:00"}
	s, err := Load(ctx, m)
	if err != nil || s.CheckIntervalHours != 24 || s.DigestDay != 1 || s.QuietStart != "" || s.Quiet().Set {
		t.Fatalf("repair: %+v %v", s, err)
	}
}

func TestQuietHours(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2025, 3, 5, h, m, 0, 0, time.Local) }
	night := Settings{QuietStart: "22:00", QuietEnd: "07:00"}.Quiet()
	for _, c := range []struct {
		t     time.Time
		quiet bool
		end   time.Time
	}{
		{at(21, 59), false, at(21, 59)},
		{at(22, 0), true, at(7, 0).AddDate(0, 0, 1)},
		{at(3, 0), true, at(7, 0)},
		{at(7, 0), false, at(7, 0)},
	} {
		if night.Contains(c.t) != c.quiet || !night.EndAfter(c.t).Equal(c.end) {
			t.Errorf("%s: quiet=%v end=%s", c.t.Format("15:04"), night.Contains(c.t), night.EndAfter(c.t))
		}
	}
	lunch := Settings{QuietStart: "12:00", QuietEnd: "13:00"}.Quiet()
	if !lunch.Contains(at(12, 30)) || lunch.Contains(at(13, 0)) || lunch.Contains(at(11, 0)) {
		t.Fatal("daytime window")
	}
	if (Settings{}).Quiet().Set || (Settings{QuietStart: "10:00", QuietEnd: "10:00"}).Quiet().Set {
		t.Fatal("no window when unset or empty")
	}
}
