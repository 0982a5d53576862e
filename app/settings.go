package app

import (
	"errors"
	"time"

	"fineprint/backend/notify"
	"fineprint/backend/settings"
	"fineprint/backend/store"
)

// EventSettingsChanged tells the window that the settings were saved.
const EventSettingsChanged = "settings:changed"

// Settings are the preferences the settings page edits.
type Settings struct {
	CheckIntervalHours int    `json:"checkIntervalHours"`
	Notifications      bool   `json:"notifications"`
	QuietStart         string `json:"quietStart"` // "HH:MM", or "" for none
	QuietEnd           string `json:"quietEnd"`
	DigestDay          int    `json:"digestDay"` // 0 Sunday to 6 Saturday
	DigestHour         int    `json:"digestHour"`
	KeepRunningOnClose bool   `json:"keepRunningOnClose"`
	Autostart          bool   `json:"autostart"`
	Language           string `json:"language"`
	DataDir            string `json:"dataDir"` // read-only
}

func fromSettings(s settings.Settings, dir string) Settings {
	return Settings{CheckIntervalHours: s.CheckIntervalHours, Notifications: s.Notifications, QuietStart: s.QuietStart,
		QuietEnd: s.QuietEnd, DigestDay: s.DigestDay, DigestHour: s.DigestHour, KeepRunningOnClose: s.KeepRunningOnClose,
		Autostart: s.Autostart, Language: s.Language, DataDir: dir}
}

func (s Settings) toSettings() settings.Settings {
	return settings.Settings{CheckIntervalHours: s.CheckIntervalHours, Notifications: s.Notifications, QuietStart: s.QuietStart,
		QuietEnd: s.QuietEnd, DigestDay: s.DigestDay, DigestHour: s.DigestHour, KeepRunningOnClose: s.KeepRunningOnClose,
		Autostart: s.Autostart, Language: s.Language}
}

// Settings reads the preferences.
func (a *App) Settings() (Settings, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	s, err := settings.Load(ctx, a.store)
	if err != nil {
		return Settings{}, err
	}
	return fromSettings(s, a.store.Dir()), nil
}

// SaveSettings validates and saves the preferences and returns them as
// stored. Turning autostart on or off writes or removes the login entry
// first, so that a failure there leaves the setting as it was. The
// scheduler reads the interval at its next tick.
func (a *App) SaveSettings(in Settings) (Settings, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	s := in.toSettings()
	if err := s.Validate(); err != nil {
		return Settings{}, err
	}
	old, err := settings.Load(ctx, a.store)
	if err != nil {
		return Settings{}, err
	}
	if s.Autostart != old.Autostart {
		if err := SetAutostart(s.Autostart, a.store.Dir()); err != nil {
			return Settings{}, err
		}
	}
	if err := settings.Save(ctx, a.store, s); err != nil {
		return Settings{}, err
	}
	a.emit.Emit(EventSettingsChanged)
	return a.Settings()
}

// SetMuted turns a platform's notifications off or on. Its changes are still
// checked, archived and shown in the window and the digest page.
func (a *App) SetMuted(platformID string, muted bool) error {
	ctx, cancel := a.ctx()
	defer cancel()
	if err := a.store.SetMuted(ctx, platformID, muted); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errors.New("that platform is no longer on your watchlist")
		}
		return err
	}
	a.emit.Emit(EventWatchlistChanged)
	return nil
}

// DigestChange is a change in the digest, with whether its platform is muted.
type DigestChange struct {
	Change Change `json:"change"`
	Muted  bool   `json:"muted"`
}

// DigestDTO is the week's material changes, newest first.
type DigestDTO struct {
	From      string         `json:"from"`
	To        string         `json:"to"`
	Platforms int            `json:"platforms"`
	Changes   []DigestChange `json:"changes"`
}

// Digest lists the material changes of the last seven days with their
// summaries, for the digest page.
func (a *App) Digest() (DigestDTO, error) {
	ctx, cancel := a.ctx()
	defer cancel()
	g, err := notify.Week(ctx, a.store, time.Now())
	if err != nil {
		return DigestDTO{}, err
	}
	muted, err := a.store.MutedPlatforms(ctx)
	if err != nil {
		return DigestDTO{}, err
	}
	out := DigestDTO{From: stamp(g.From), To: stamp(g.To), Platforms: g.Platforms(), Changes: []DigestChange{}}
	for _, c := range g.Changes {
		out.Changes = append(out.Changes, DigestChange{Change: toChange(c), Muted: muted[c.PlatformID]})
	}
	return out, nil
}
