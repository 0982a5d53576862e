package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SetMuted turns a platform's notifications off or back on; its changes are
// still checked, archived and listed.
func (s *Store) SetMuted(ctx context.Context, id string, muted bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platforms SET muted = ? WHERE id = ? AND removed_at IS NULL`, muted, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q is not on the watchlist", ErrNotFound, id)
		}
		return nil
	})
}

// MutedPlatforms lists the ids of the watched platforms that are muted.
func (s *Store) MutedPlatforms(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM platforms WHERE muted != 0 AND removed_at IS NULL`)
	if err != nil {
		return nil, s.explain(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, s.explain(rows.Err())
}
