-- The portfolio graph: each version's shareable components, read once from its stored workflow
-- the first time the graph needs that version. Rows go with their version (retention may delete it).
create table graph_version (
  version_id bigint primary key references version(id) on delete cascade
);

create table graph_node (
  version_id bigint not null references graph_version(version_id) on delete cascade,
  component  text not null,
  kind       text not null,
  name       text,                 -- the component's name: as the file wrote it, or null
  reaches    text[] not null,      -- model-bearing components downstream, 'id kind' each, sorted
  primary key (version_id, component)
);
