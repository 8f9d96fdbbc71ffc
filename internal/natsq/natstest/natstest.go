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
// Client ports are chosen by the kernel as the servers listen; route ports
// must be known before (JetStream clustering wants configured routes), so
// they are picked ahead, and should another process take one in between,
// the cluster is started again on other ports.
func Start(t testing.TB, n int) []*Node {
	t.Helper()
	for attempt := 1; ; attempt++ {
		nodes, err := start(t, n)
		if err == nil {
			return nodes
		}
		if attempt == 3 {
			t.Fatal(err)
		}
		t.Logf("NATS cluster: %v; starting again on other ports", err)
	}
}

func start(t testing.TB, n int) ([]*Node, error) {
	dir := t.TempDir()
	var routes []*url.URL
	clusterPorts := make([]int, n)
	if n > 1 {
		for i := range clusterPorts {
			clusterPorts[i] = freePort(t)
			routes = append(routes, &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", clusterPorts[i])})
		}
	}
	var nodes []*Node
	stopAll := func() {
		for _, nd := range nodes {
			nd.Shutdown()
			nd.WaitForShutdown()
		}
	}
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("raqib-n%d", i+1),
			Host:       "127.0.0.1",
			Port:       server.RANDOM_PORT,
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
			stopAll()
			return nil, fmt.Errorf("nats server %d: %w", i+1, err)
		}
		go s.Start()
		if !s.ReadyForConnections(15 * time.Second) {
			s.Shutdown()
			stopAll()
			return nil, fmt.Errorf("nats server %d not ready (route port %d taken?)", i+1, clusterPorts[i])
		}
		nodes = append(nodes, &Node{Server: s, URL: s.ClientURL()})
	}
	t.Cleanup(stopAll)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ready := true
		for _, nd := range nodes {
			if !nd.JetStreamEnabled() || (n > 1 && !nd.JetStreamIsCurrent()) {
				ready = false
			}
		}
		if ready && (n == 1 || hasMetaLeader(nodes)) {
			return nodes, nil
		}
		if time.Now().After(deadline) {
			stopAll()
			return nil, fmt.Errorf("JetStream cluster not ready after 60 s")
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
