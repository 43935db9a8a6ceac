-- Webhooks and their transactional outbox. An event is written in the same transaction as what
-- caused it (an upload's new critical/high findings) or, for decisions about to expire, with its
-- own dedup key by the sweep; a delivery worker sends it at least once, with backoff.
create table webhook (
  id          bigserial primary key,
  url         text not null check (length(url) between 1 and 2000),
  kind        text not null check (kind in ('json', 'slack')),
  -- the HMAC key: kept as given, since every delivery is signed with it; never shown again
  secret      text,
  project     text, -- null: every project
  created_by  text not null,
  created_at  timestamptz not null default now()
);

create table outbox (
  id            bigserial primary key,
  webhook_id    bigint not null references webhook(id),
  event         text not null,
  dedup_key     text not null,
  payload       text not null,
  created_at    timestamptz not null default now(),
  attempts      integer not null default 0,
  next_attempt  timestamptz not null default now(),
  delivered_at  timestamptz,
  failed_at     timestamptz,
  last_error    text,
  unique (webhook_id, dedup_key)
);

create index outbox_due on outbox(next_attempt) where delivered_at is null and failed_at is null;
