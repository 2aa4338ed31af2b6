// Mentor Pathways addition to FerretDB's SQLite metadata package (copied in by
// scripts/build-embedded-db.mjs; see tools/embedded-db/README.md).
//
// Why: FerretDB 1.24 creates an SQLite expression index for every MongoDB index but only
// narrows a query in SQL when the filter is exactly {_id: value}, so every other query reads
// the whole table. The sqlite package's mp_pushdown.go narrows equality filters on indexed
// fields; this file owns the SQL expressions both sides must spell identically (SQLite only
// uses an expression index when the query repeats the indexed expression).

package metadata

import (
	"context"
	"fmt"
	"regexp"

	"github.com/FerretDB/FerretDB/internal/util/fsql"
)

// plain top-level field names only: dotted paths can cross arrays of documents, and
// quoting rules for odd names are not worth the risk in a prefilter.
var mpPlainField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// MPPushdownField reports whether a filter on field may be narrowed in SQL.
func MPPushdownField(field string) bool {
	return mpPlainField.MatchString(field)
}

// MPValueExpr is the expression FerretDB's indexesCreate indexes for a top-level field.
func MPValueExpr(field string) string {
	return fmt.Sprintf("%s->%q", DefaultColumn, field)
}

// MPArrayExpr is true for documents whose field holds an array. An equality filter on
// such a field matches by element, which the value expression cannot see, so those rows
// must always pass the prefilter; its own index keeps finding them cheap.
func MPArrayExpr(field string) string {
	return fmt.Sprintf("json_type(%s, '$.%s') = 'array'", DefaultColumn, field)
}

func mpTypeIndexName(table, field string) string {
	return table + "_mp_type_" + field
}

// mpEnsureTypeIndexes creates the array-finding index for every plain field of index. It
// runs for indexes that already exist too, so databases made before this patch get them.
func mpEnsureTypeIndexes(ctx context.Context, db *fsql.DB, table string, index IndexInfo) error {
	for _, key := range index.Key {
		if key.Field == "_id" || !MPPushdownField(key.Field) {
			continue
		}

		q := fmt.Sprintf(
			"CREATE INDEX IF NOT EXISTS %q ON %q (json_type(%s, '$.%s'))",
			mpTypeIndexName(table, key.Field), table, DefaultColumn, key.Field,
		)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}

	return nil
}
