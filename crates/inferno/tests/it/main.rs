//! Integration tests: the real `inferno` server (in the test's process, or
//! the binary where a test needs a process), a real database in a temporary
//! directory, spoken to over HTTP (and through Chromium in `browser`).
//! One test binary, since linking is the slow part of a build.

mod api;
mod attacks;
mod attacks3;
mod audit;
mod backends;
mod browser;
mod browser_newsroom;
mod citing;
mod cli;
mod concurrency;
mod downloads;
mod editing;
mod failures;
mod html;
mod import;
mod intake;
mod mirror;
mod newsroom;
mod nodes;
mod pages;
mod protocol;
mod publication;
mod review;
mod search;
mod secrets;
mod sitemap;
mod sites;
mod staff;
mod support;
mod transfers;
mod users;
