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
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Logger:    logger,
		Handler:   "sqlite",
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
