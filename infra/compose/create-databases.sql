-- The scheduler's database is created by POSTGRES_DB; the notifier has its own.
create database convene_notifier owner convene;
