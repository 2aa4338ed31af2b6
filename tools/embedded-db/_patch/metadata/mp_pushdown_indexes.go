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
	"strings"

	"github.com/FerretDB/FerretDB/internal/util/fsql"
)

// Plain names, dotted or not; no numeric (array position) parts, and no odd characters whose
// quoting rules are not worth the risk in a prefilter.
var mpPlainField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)

// MPPushdownField reports whether a filter on field may be narrowed in SQL. Dotted fields
// reach the backend because the patch also turns on FerretDB's nested pushdown.
func MPPushdownField(field string) bool {
	return mpPlainField.MatchString(field)
}

// MPValueExpr is the expression FerretDB's indexesCreate indexes for a field.
func MPValueExpr(field string) string {
	parts := strings.Split(field, ".")
	for i, p := range parts {
		parts[i] = fmt.Sprintf("%q", p)
	}

	return DefaultColumn + "->" + strings.Join(parts, "->")
}

// MPArrayPaths lists the field and each of its parents ("a.b" gives "a" and "a.b"). An
// equality filter matches array elements at any of them, which the value expression cannot
// see, so documents holding an array there must always pass the prefilter.
func MPArrayPaths(field string) []string {
	parts := strings.Split(field, ".")
	paths := make([]string, len(parts))
	for i := range parts {
		paths[i] = strings.Join(parts[:i+1], ".")
	}

	return paths
}

// MPArrayExpr is true for documents holding an array at path; its own index keeps finding
// them cheap.
func MPArrayExpr(path string) string {
	return fmt.Sprintf("json_type(%s, '$.%s') = 'array'", DefaultColumn, path)
}

func mpTypeIndexName(table, path string) string {
	return table + "_mp_type_" + path
}

// mpEnsureTypeIndexes creates the array-finding index for every plain field of index. It
// runs for indexes that already exist too, so databases made before this patch get them.
func mpEnsureTypeIndexes(ctx context.Context, db *fsql.DB, table string, index IndexInfo) error {
	for _, key := range index.Key {
		if key.Field == "_id" || !MPPushdownField(key.Field) {
			continue
		}

		for _, path := range MPArrayPaths(key.Field) {
			q := fmt.Sprintf(
				"CREATE INDEX IF NOT EXISTS %q ON %q (json_type(%s, '$.%s'))",
				mpTypeIndexName(table, path), table, DefaultColumn, path,
			)
			if _, err := db.ExecContext(ctx, q); err != nil {
				return err
			}
		}
	}

	return nil
}
