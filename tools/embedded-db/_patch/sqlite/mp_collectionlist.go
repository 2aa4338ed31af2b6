// Mentor Pathways: listing one collection by name copies one (see tools/embedded-db/README.md).

package sqlite

import (
	"context"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
)

// mpCollectionList is what ListCollections lists from. Every find asks for its own collection by
// name (to know whether it is capped), and the registry's list deep-copies every collection's
// settings, indexes included, before one is picked: about 5% of the engine's CPU on the tool's
// reads. Asked for one name, it copies that one (nil when the database or collection is absent,
// as the full list would not hold it).
func mpCollectionList(ctx context.Context, db *database, params *backends.ListCollectionsParams) ([]*metadata.Collection, error) {
	if params == nil || len(params.Name) == 0 {
		return db.r.CollectionList(ctx, db.name)
	}

	if c := db.r.CollectionGet(ctx, db.name, params.Name); c != nil {
		return []*metadata.Collection{c}, nil
	}

	return nil, nil
}
