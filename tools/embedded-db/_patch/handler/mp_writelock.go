// Mentor Pathways patch (see tools/embedded-db/README.md): copied into FerretDB's
// internal/handler by scripts/patch-ferretdb.mjs.

package handler

import (
	"context"
	"sync"
)

// mpWriteLocks holds one lock per collection ("db.collection"): a channel with room for one holder.
var mpWriteLocks sync.Map

// mpLockWrites waits until no other write command (insert, update, findAndModify, delete) is
// running on collection coll of database db, and returns the function that lets the next one in.
//
// FerretDB's handlers read a document, apply the update in Go and write the result back with
// nothing between the read and the write, so two concurrent $inc on one document could both
// read n and both write n+1, and two conditional updates could both match. Holding this lock
// from the read to the write makes each write command's read-modify-write atomic, as a
// single-document write is on MongoDB. A document and its unique indexes belong to one
// collection, so that is all the lock needs to cover; writes to other collections go on (SQLite
// still admits one committing writer per database at a time). Reads (find, aggregate, count,
// distinct, getMore) never take it, so they run beside writes on SQLite's WAL.
//
// If the client goes away while waiting (ctx ends), it gives up without running the command.
func mpLockWrites(ctx context.Context, db, coll string) (func(), error) {
	v, _ := mpWriteLocks.LoadOrStore(db+"."+coll, make(chan struct{}, 1))
	slot := v.(chan struct{})

	select {
	case slot <- struct{}{}:
		return func() { <-slot }, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}
