package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/raqib/raqib/internal/ingest"
)

// workerMetrics are a worker's Prometheus metrics. Articles per second is
// rate(raqib_worker_articles_total[1m]).
type workerMetrics struct {
	articles *prometheus.CounterVec
	batch    prometheus.Histogram
	failures prometheus.Counter
}

// observe counts one processed batch; m may be nil.
func (m *workerMetrics) observe(took time.Duration, res []ingest.Result, storeErr error) {
	if m == nil {
		return
	}
	m.batch.Observe(took.Seconds())
	if storeErr != nil {
		m.failures.Inc()
		return
	}
	for _, r := range res {
		m.articles.WithLabelValues(string(r.Status)).Inc()
	}
}

// serveMetrics serves /metrics on addr until stop is called.
func (w *worker) serveMetrics(ctx context.Context, addr string) (stop func(), err error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &workerMetrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "raqib_worker_articles_total",
			Help: "Articles processed, by outcome (new, updated, unchanged, failed)."}, []string{"status"}),
		batch: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "raqib_worker_batch_seconds",
			Help: "Time to process, store and ack one batch.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 12)}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: "raqib_worker_store_failures_total",
			Help: "Batches the store could not take (sent back to the queue)."}),
	}
	lag := func(ackPending bool) func() float64 {
		return func() float64 {
			lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			p, a, err := w.f.Lag(lctx)
			if err != nil {
				return -1
			}
			if ackPending {
				return float64(a)
			}
			return float64(p)
		}
	}
	reg.MustRegister(m.articles, m.batch, m.failures,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "raqib_worker_lag_messages",
			Help: "Messages of the stream not yet delivered to the consumer (-1: unknown)."}, lag(false)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "raqib_worker_unacked_messages",
			Help: "Messages delivered and not yet acked, by all workers (-1: unknown)."}, lag(true)),
	)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	w.prom = m
	w.mu.Unlock()
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			w.printf("metrics: %v", err)
		}
	}()
	return func() { srv.Close() }, nil
}
