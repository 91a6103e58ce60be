-- Named groups of people (a department, "all district associations"), invited to meetings with a role.
create table person_group (
    id          uuid primary key,
    name        text        not null,
    owner_email text        not null,
    revision    bigint      not null default 1,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index person_group_name on person_group (lower(name));

create table group_member (
    group_id  uuid not null references person_group (id) on delete cascade,
    position  int  not null,
    email     text not null,
    name      text not null,
    language  text,
    time_zone text,
    primary key (group_id, email)
);

-- Which groups a meeting invites, and in which role; expanded into the meeting's participants.
create table meeting_group (
    meeting_id uuid not null references meeting (id) on delete cascade,
    group_id   uuid not null references person_group (id),
    role       text not null,
    primary key (meeting_id, group_id)
);
create index meeting_group_group on meeting_group (group_id);
