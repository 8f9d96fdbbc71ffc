// Package natsq carries articles from readers to ingest workers over NATS
// JetStream: `raqib ingest --queue` publishes, `raqib worker` consumes from
// one durable pull consumer shared by any number of workers, and acks a
// message only after its article is committed.
//
// Stream RAQIB_ARTICLES holds subjects raqib.articles.<outlet>; each message
// is one SPEC §1 article as JSON, with Nats-Msg-Id = the article's store key
// so that the stream drops a second publication of the same article within
// its duplicate window. Messages that failed MaxDeliver times go to
// raqib.dead.<outlet>, kept by stream RAQIB_DEAD.
package natsq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/raqib/raqib/internal/event"
)

// Names of the streams, subjects and consumer.
const (
	Stream       = "RAQIB_ARTICLES"
	DeadStream   = "RAQIB_DEAD"
	Subjects     = "raqib.articles.>"
	DeadSubjects = "raqib.dead.>"
	Consumer     = "raqib-workers"
	// HeaderOrigin says where the publisher read the article.
	HeaderOrigin = "Raqib-Origin"
	// HeaderReason says why a message was dead-lettered.
	HeaderReason = "Raqib-Reason"
)

// ErrUnreachable is the error of Connect when no server answered at all
// (as opposed to a server that answered but could not yet serve the
// streams, as while a cluster elects its leaders).
var ErrUnreachable = errors.New("no NATS server reachable")

// Queue is a connection to a JetStream server or cluster.
type Queue struct {
	nc *nats.Conn
	js jetstream.JetStream
}

// Options configure Connect.
type Options struct {
	// Replicas of the streams when they are created (1 on one server, 3
	// on a cluster of three). Default 1.
	Replicas int
	// Name is the client name shown by the server.
	Name string
}

// Connect connects to the servers in url (nats://host:port, a comma-
// separated list for a cluster) and makes sure the streams exist.
func Connect(ctx context.Context, url string, opt Options) (*Queue, error) {
	nc, err := nats.Connect(url,
		nats.Name(opt.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrUnreachable, url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	q := &Queue{nc: nc, js: js}
	if err := q.ensure(ctx, max(1, opt.Replicas)); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	return q.nc.Drain()
}

func (q *Queue) ensure(ctx context.Context, replicas int) error {
	for _, cfg := range []jetstream.StreamConfig{
		{Name: Stream, Subjects: []string{Subjects}, Storage: jetstream.FileStorage, Replicas: replicas,
			Duplicates: 10 * time.Minute, Retention: jetstream.WorkQueuePolicy},
		{Name: DeadStream, Subjects: []string{DeadSubjects}, Storage: jetstream.FileStorage, Replicas: replicas},
	} {
		_, err := q.js.Stream(ctx, cfg.Name)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			_, err = q.js.CreateStream(ctx, cfg)
		}
		if err != nil {
			return fmt.Errorf("stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// SubjectToken is the subject token of an article's outlet: its outlet
// name, else its URL's host, with the characters a subject token cannot
// hold replaced.
func SubjectToken(a event.Article) string {
	s := strings.TrimSpace(a.Outlet)
	if s == "" {
		if u := event.CanonicalURL(a.URL); u != "" {
			s = strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "/", 2)[0]
		}
	}
	if s == "" {
		return "unknown"
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '.', '*', '>', ' ', '\t', '\r', '\n':
			return '_'
		}
		if r < 0x20 || r == 0x7f {
			return '_'
		}
		return r
	}, s)
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}

// Published is the outcome of publishing one article.
type Published struct {
	Duplicate bool // the stream already held an article with this key
	Err       error
}

// Outgoing is one article to publish.
type Outgoing struct {
	Article event.Article
	Key     string // the article's store key: the message id
	Origin  string
}

// Publish publishes a batch of articles and waits for the stream's acks.
func (q *Queue) Publish(ctx context.Context, batch []Outgoing) []Published {
	out := make([]Published, len(batch))
	futures := make([]jetstream.PubAckFuture, len(batch))
	for i, o := range batch {
		body, err := json.Marshal(o.Article)
		if err != nil {
			out[i].Err = err
			continue
		}
		m := nats.NewMsg("raqib.articles." + SubjectToken(o.Article))
		m.Data = body
		m.Header.Set(jetstream.MsgIDHeader, o.Key)
		if o.Origin != "" {
			m.Header.Set(HeaderOrigin, o.Origin)
		}
		futures[i], out[i].Err = q.js.PublishMsgAsync(m)
	}
	for i, f := range futures {
		if f == nil {
			continue
		}
		select {
		case ack := <-f.Ok():
			out[i].Duplicate = ack.Duplicate
		case err := <-f.Err():
			out[i].Err = err
		case <-ctx.Done():
			out[i].Err = ctx.Err()
		}
	}
	return out
}

// Delivery is one message handed to a worker.
type Delivery struct {
	Article   event.Article
	Key       string
	Origin    string
	Delivered uint64 // how many times it was delivered, this one included
	Err       error  // the body is not an article
	msg       jetstream.Msg
}

// Ack marks the message done: its article is committed, or it was
// rejected for good and recorded. It does not wait for the server's
// confirmation: an ack that is lost only brings the message back, and a
// redelivered article is found unchanged by its key (a confirmed ack would
// cost a round trip to the cluster per message).
func (d *Delivery) Ack(ctx context.Context) error { return d.msg.Ack() }

// Retry hands the message back to be delivered again after delay.
func (d *Delivery) Retry(delay time.Duration) error { return d.msg.NakWithDelay(delay) }

// Dead moves the message to the dead-letter stream with reason, then
// removes it from the work queue.
func (q *Queue) Dead(ctx context.Context, d *Delivery, reason string) error {
	m := nats.NewMsg("raqib.dead." + strings.TrimPrefix(d.msg.Subject(), "raqib.articles."))
	m.Data = d.msg.Data()
	m.Header.Set(HeaderReason, reason)
	m.Header.Set(jetstream.MsgIDHeader, d.Key)
	if _, err := q.js.PublishMsg(ctx, m); err != nil {
		return fmt.Errorf("dead letter: %w", err)
	}
	return d.msg.Term()
}

// Consumer is the durable pull consumer the workers share.
type ConsumerOptions struct {
	// AckWait is how long a delivered message may stay unacked before it
	// is delivered again (a worker killed mid-batch). Default 30s.
	AckWait time.Duration
}

// Fetcher fetches deliveries from the shared durable consumer.
type Fetcher struct {
	q    *Queue
	cons jetstream.Consumer
}

// Consumer opens (creating it if needed) the durable consumer.
func (q *Queue) Consumer(ctx context.Context, opt ConsumerOptions) (*Fetcher, error) {
	if opt.AckWait <= 0 {
		opt.AckWait = 30 * time.Second
	}
	cons, err := q.js.CreateOrUpdateConsumer(ctx, Stream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       opt.AckWait,
		MaxDeliver:    -1, // the worker dead-letters after its own count, so nothing is dropped silently
		MaxAckPending: 10000,
		FilterSubject: Subjects,
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", Consumer, err)
	}
	return &Fetcher{q: q, cons: cons}, nil
}

// Fetch waits up to wait for at most n messages.
func (f *Fetcher) Fetch(ctx context.Context, n int, wait time.Duration) ([]*Delivery, error) {
	batch, err := f.cons.Fetch(n, jetstream.FetchMaxWait(wait))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	var out []*Delivery
	for m := range batch.Messages() {
		d := &Delivery{msg: m, Key: m.Headers().Get(jetstream.MsgIDHeader), Origin: m.Headers().Get(HeaderOrigin)}
		if md, err := m.Metadata(); err == nil {
			d.Delivered = md.NumDelivered
			if d.Origin == "" {
				d.Origin = fmt.Sprintf("nats %s seq %d", Stream, md.Sequence.Stream)
			}
		}
		if err := json.Unmarshal(m.Data(), &d.Article); err != nil {
			d.Err = fmt.Errorf("message is not an article: %w", err)
		}
		out = append(out, d)
	}
	if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && len(out) == 0 {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	return out, nil
}

// Status is the state of the streams and the consumer.
type Status struct {
	Messages, Bytes     uint64 // in RAQIB_ARTICLES (a work queue: not yet acked)
	FirstSeq, LastSeq   uint64
	Pending             uint64 // consumer: not yet delivered
	AckPending          int    // consumer: delivered, not yet acked
	Redelivered         int    // consumer: delivered more than once, not yet acked
	Delivered, AckFloor uint64
	Dead                uint64 // messages in RAQIB_DEAD
	Replicas            int
	Leader              string
	ConsumerExists      bool
}

// Status reads the state of the streams and the consumer.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	var st Status
	s, err := q.js.Stream(ctx, Stream)
	if err != nil {
		return st, fmt.Errorf("stream %s: %w", Stream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("stream %s: %w", Stream, err)
	}
	st.Messages, st.Bytes, st.FirstSeq, st.LastSeq = info.State.Msgs, info.State.Bytes, info.State.FirstSeq, info.State.LastSeq
	st.Replicas = info.Config.Replicas
	if info.Cluster != nil {
		st.Leader = info.Cluster.Leader
	}
	if c, err := s.Consumer(ctx, Consumer); err == nil {
		ci, err := c.Info(ctx)
		if err != nil {
			return st, fmt.Errorf("consumer %s: %w", Consumer, err)
		}
		st.ConsumerExists = true
		st.Pending, st.AckPending, st.Redelivered = ci.NumPending, ci.NumAckPending, ci.NumRedelivered
		st.Delivered, st.AckFloor = ci.Delivered.Stream, ci.AckFloor.Stream
	}
	if d, err := q.js.Stream(ctx, DeadStream); err == nil {
		if di, err := d.Info(ctx); err == nil {
			st.Dead = di.State.Msgs
		}
	}
	return st, nil
}

// Lag is how many messages wait for the consumer: not yet delivered, plus
// delivered and not yet acked.
func (f *Fetcher) Lag(ctx context.Context) (pending uint64, ackPending int, err error) {
	ci, err := f.cons.Info(ctx)
	if err != nil {
		return 0, 0, err
	}
	return ci.NumPending, ci.NumAckPending, nil
}
