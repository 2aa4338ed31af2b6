// Mentor Pathways addition to FerretDB's SQLite backend (copied in by
// scripts/build-embedded-db.mjs; see tools/embedded-db/README.md).
//
// The handler applies the whole filter to every row a backend returns, so the SQL WHERE
// built here only has to return a superset of the matching documents. It narrows on
// equality and $in over strings and ObjectIDs for fields (dotted too) that some index covers:
//
//	(f1 = v1 AND a.f2 IN (v2, v3)) OR f1 holds an array OR a holds one OR a.f2 holds one
//
// The second part keeps MongoDB's match-an-array-element semantics; both parts are served
// by indexes (see metadata/mp_pushdown_indexes.go).

package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/fsql"
)

func mpWhereClause(ctx context.Context, db *fsql.DB, meta *metadata.Collection, filter *types.Document) (string, []any) {
	if filter.Len() == 0 {
		return "", nil
	}

	indexed := map[string]bool{}
	for _, index := range meta.Settings.Indexes {
		for _, key := range index.Key {
			indexed[key.Field] = true
		}
	}

	var equal, arrays []string
	var args []any
	seen := map[string]bool{}

	for _, field := range filter.Keys() {
		value, _ := filter.Get(field)

		if !indexed[field] || !metadata.MPPushdownField(field) {
			continue
		}

		values, ok := mpPushdownValues(value)
		if !ok {
			continue
		}

		// {$in: []} matches nothing, whatever else the filter says.
		if len(values) == 0 {
			return " WHERE 0", nil
		}

		// A field that holds arrays in some documents cannot narrow by index (every such
		// document must pass), so it is left to the handler and the other fields narrow.
		if field != "_id" && mpHoldsArrays(ctx, db, meta.TableName, field) {
			continue
		}

		placeholders := strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ")
		equal = append(equal, metadata.MPValueExpr(field)+" IN ("+placeholders+")")
		args = append(args, values...)

		if field == "_id" {
			continue
		}

		for _, path := range metadata.MPArrayPaths(field) {
			if !seen[path] {
				seen[path] = true
				arrays = append(arrays, metadata.MPArrayExpr(path))
			}
		}
	}

	if len(equal) == 0 {
		return "", nil
	}

	where := strings.Join(equal, " AND ")
	if len(arrays) > 0 {
		where = "(" + where + ") OR " + strings.Join(arrays, " OR ")
	}

	return " WHERE " + where, args
}

// mpHoldsArrays reports whether any document holds an array at field or one of its parents
// (one probe of the type index per path, remembered for a few seconds). It only decides what
// is fast, never what is found: the array branch of the WHERE clause stays whatever it says,
// so a document written meanwhile, or a stale answer, still cannot hide a match.
func mpHoldsArrays(ctx context.Context, db *fsql.DB, table, field string) bool {
	for _, path := range metadata.MPArrayPaths(field) {
		key := fmt.Sprintf("%p\x00%s\x00%s", db, table, path)
		if v, ok := mpArrayProbes.Load(key); ok && time.Since(v.(mpProbe).at) < mpProbeTTL {
			if v.(mpProbe).holds {
				return true
			}
			continue
		}

		q := fmt.Sprintf("SELECT 1 FROM %q WHERE %s LIMIT 1", table, metadata.MPArrayExpr(path))

		var one int
		err := db.QueryRowContext(ctx, q).Scan(&one)
		holds := err != sql.ErrNoRows // found one, or unsure: do not narrow on it
		mpArrayProbes.Store(key, mpProbe{holds: holds, at: time.Now()})
		if holds {
			return true
		}
	}

	return false
}

type mpProbe struct {
	holds bool
	at    time.Time
}

const mpProbeTTL = 5 * time.Second

var mpArrayProbes sync.Map

// mpPushdownValues returns the JSON text SQLite's -> operator yields for each value the
// filter accepts, or false when the filter on this field cannot be narrowed safely.
func mpPushdownValues(value any) ([]any, bool) {
	switch v := value.(type) {
	case string, types.ObjectID:
		s, ok := mpJSON(v)
		if !ok {
			return nil, false
		}
		return []any{s}, true

	case *types.Document:
		if v.Len() != 1 {
			return nil, false
		}

		if eq, err := v.Get("$eq"); err == nil {
			return mpPushdownValues(eq)
		}

		in, err := v.Get("$in")
		if err != nil {
			return nil, false
		}

		arr, ok := in.(*types.Array)
		if !ok || arr.Len() > 500 {
			return nil, false
		}

		out := make([]any, 0, arr.Len())
		for i := 0; i < arr.Len(); i++ {
			elem, _ := arr.Get(i)
			switch elem.(type) {
			case string, types.ObjectID:
			default:
				return nil, false
			}

			s, ok := mpJSON(elem)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}

	return nil, false
}

// mpJSON is the JSON text of v as sjson writes it into stored documents; SQLite's -> operator
// returns a stored string's text as written, escapes included (FerretDB's own _id lookup
// relies on the same), so equal values compare equal as text.
func mpJSON(v any) (string, bool) {
	b, err := sjson.MarshalSingleValue(v)
	if err != nil {
		return "", false
	}

	return string(b), true
}
