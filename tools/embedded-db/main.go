// Command embedded-db runs FerretDB (SQLite backend) as a MongoDB-compatible
// server for Mentor Pathways on machines that have no MongoDB.
//
// It prints one JSON line {"uri": "..."} on stdout once it accepts
// connections, and exits when it receives SIGINT/SIGTERM or when its stdin
// closes: the parent holds our stdin open, so if the parent dies (even by
// SIGKILL) the engine stops too instead of lingering and holding the files.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // FerretDB's SQLite driver, opened here for the statistics
)

func main() {
	dir := flag.String("dir", "data/db", "directory for the SQLite database files")
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 0, "TCP port (0 picks a free one)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin closes")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("invalid -log-level %q", *logLevel)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail("cannot resolve -dir %q: %v", *dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail("cannot create data directory %q: %v", abs, err)
	}

	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
	if *port == 0 {
		// FerretDB needs a concrete port for MongoDBURI; ask the kernel for one.
		l, err := net.Listen("tcp", addr)
		if err != nil {
			fail("cannot find a free port on %s: %v", *host, err)
		}
		addr = l.Addr().String()
		l.Close()
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: addr},
		Logger:   logger,
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: a commit survives the engine or the tool being killed (the
		// WAL is written before the commit returns); only an operating-system crash or power loss
		// can undo the last commits. FerretDB's default (FULL) waits for a disk flush on every
		// commit, which capped the single-writer engine at a few hundred commits a second.
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	go keepStatistics(ctx, abs, logger)

	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()

	if err := waitForPort(addr, 10*time.Second); err != nil {
		fail("FerretDB did not start listening on %s: %v", addr, err)
	}
	line, _ := json.Marshal(map[string]string{"uri": f.MongoDBURI(), "dir": abs})
	fmt.Println(string(line))

	<-done
}

func waitForPort(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "embedded-db: "+format+"\n", args...)
	os.Exit(1)
}

// SQLite picks an index for a query from statistics that only ANALYZE gathers, and FerretDB
// never runs it. Without them the planner prefers the index with the most equality terms, so a
// find by {tenantId, contextId, versionId: {$in: [...]}} walked every panel review of the course
// through the (tenantId, contextId, roundId) index, evaluating versionId on each row, instead of
// looking the few versions up in the versionId index: at 10,000 mentors, most of a mentor's
// portfolio read. (MongoDB's planner races candidate plans; SQLite's needs these numbers.)
//
// keepStatistics keeps one connection of its own to each database file and asks it every
// statisticsPoll whether another connection has committed since its last refresh (SQLite's
// data_version, which a connection's own writes, ANALYZE's included, never move); if so, and the
// last refresh is statisticsEvery old, it refreshes the statistics, sampling at most
// statisticsSample rows per index (milliseconds even at 400,000 documents). A commit made while
// ANALYZE runs moves data_version again, so it is counted by the next refresh. ANALYZE writes the
// sqlite_stat tables in one short write transaction; readers carry on (WAL), and every connection
// plans with the new numbers from its next statement.
const (
	statisticsPoll   = 2 * time.Second
	statisticsEvery  = 10 * time.Second
	statisticsSample = 400
)

type statisticsOf struct {
	db       *sql.DB
	version  int64 // data_version when the statistics were last refreshed
	analyzed time.Time
}

func keepStatistics(ctx context.Context, dir string, logger *slog.Logger) {
	files := map[string]*statisticsOf{}
	defer func() {
		for _, f := range files {
			f.db.Close()
		}
	}()

	ticker := time.NewTicker(statisticsPoll)
	defer ticker.Stop()

	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}

		paths, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range paths {
			f := files[file]
			if f == nil {
				db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
				if err != nil {
					continue
				}

				db.SetMaxOpenConns(1) // data_version and the sample limit are one connection's own
				f = &statisticsOf{db: db, version: -1}
				files[file] = f
			}

			if time.Since(f.analyzed) < statisticsEvery {
				continue
			}

			var version int64
			if err := f.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
				// A dropped database: forget it (a new file of that name gets a new connection).
				f.db.Close()
				delete(files, file)

				continue
			}

			if version == f.version {
				continue
			}

			if err := analyze(ctx, f.db); err != nil {
				if ctx.Err() == nil {
					logger.Warn("refreshing query planner statistics failed", slog.String("file", file), slog.Any("error", err))
				}

				continue
			}

			f.version, f.analyzed = version, time.Now()
		}
	}
}

func analyze(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA analysis_limit=%d", statisticsSample)); err != nil {
		return err
	}

	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		return err
	}

	// Our patch's json_type(...) indexes (mp_pushdown_indexes.go) serve only the "is it an array?"
	// arms a narrowed find adds (`... OR json_type(f) = 'array'`), and almost no value is an array,
	// but the statistics count their one common value ("text"): the planner then costs each arm at
	// a large share of the table and scans the table instead (paneldecisions by versionId did).
	// Record them as selective, which they are for 'array', and have every connection reload.
	if _, err := db.ExecContext(ctx, `UPDATE sqlite_stat1 SET stat = substr(stat, 1, instr(stat, ' ') - 1) || ' 1'
		WHERE idx GLOB '*_mp_type_*' AND instr(stat, ' ') > 0`); err != nil {
		return err
	}

	_, err := db.ExecContext(ctx, "ANALYZE sqlite_schema")

	return err
}
