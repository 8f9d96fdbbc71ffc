// Package natstest starts real NATS servers with JetStream, embedded in the
// test process, on loopback ports: one server, or a cluster of n.
package natstest

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Node is one running server.
type Node struct {
	*server.Server
	URL string
}

// freePort asks the kernel for a free loopback port.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start starts n servers with JetStream (a cluster when n > 1), stopped
// when the test ends, and waits until JetStream is ready on all of them.
func Start(t testing.TB, n int) []*Node {
	t.Helper()
	dir := t.TempDir()
	clusterPorts := make([]int, n)
	for i := range clusterPorts {
		clusterPorts[i] = freePort(t)
	}
	var routes []*url.URL
	if n > 1 {
		for _, p := range clusterPorts {
			routes = append(routes, &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", p)})
		}
	}
	nodes := make([]*Node, n)
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("raqib-n%d", i+1),
			Host:       "127.0.0.1",
			Port:       freePort(t),
			JetStream:  true,
			StoreDir:   filepath.Join(dir, fmt.Sprintf("n%d", i+1)),
			NoLog:      true,
			NoSigs:     true,
		}
		if n > 1 {
			opts.Cluster = server.ClusterOpts{Name: "raqib", Host: "127.0.0.1", Port: clusterPorts[i]}
			opts.Routes = routes
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatalf("nats server %d: %v", i+1, err)
		}
		go s.Start()
		nodes[i] = &Node{Server: s, URL: s.ClientURL()}
		t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	}
	for i, nd := range nodes {
		if !nd.ReadyForConnections(30 * time.Second) {
			t.Fatalf("nats server %d not ready", i+1)
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		ready := true
		for _, nd := range nodes {
			if !nd.JetStreamEnabled() || (n > 1 && !nd.JetStreamIsCurrent()) {
				ready = false
			}
		}
		if ready && (n == 1 || hasMetaLeader(nodes)) {
			return nodes
		}
		if time.Now().After(deadline) {
			t.Fatal("JetStream cluster not ready after 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func hasMetaLeader(nodes []*Node) bool {
	for _, nd := range nodes {
		if nd.JetStreamIsLeader() {
			return true
		}
	}
	return false
}

// URLs is the comma-separated client URLs of nodes, as --queue takes them.
func URLs(nodes []*Node) string {
	var u []string
	for _, nd := range nodes {
		u = append(u, nd.URL)
	}
	return strings.Join(u, ",")
}
