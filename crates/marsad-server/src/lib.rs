//! The JSON API and the web UI over a Marsad store.
//!
//! Answers HTTP questions about a database that `marsad ingest` wrote:
//! documents, search, entities, events (filters, timeline, map, actor
//! pairs). The API is described by `/openapi.json`; the UI is a static,
//! right-to-left single page (embedded in the binary, no CDN, no network)
//! that builds every element with `textContent`, so hostile page text is
//! always shown as text.
//!
//! Not for: writing (the API is read-only; ingest writes), or serving
//! beyond a trusted network (no authentication).
//!
//! Each request runs on a blocking thread with a pooled read-only SQLite
//! connection; WAL lets an ingest write while the server reads.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use marsad_store::{EventFilter, Page, SqliteStore, Store, StoreError};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// The embedded UI files: (URL path, content type, bytes).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../ui/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../ui/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../ui/app.css"),
    ),
    (
        "/world.json",
        "application/json",
        include_bytes!("../ui/world.json"),
    ),
    (
        "/LICENSES.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../ui/LICENSES.txt"),
    ),
];

/// The OpenAPI 3 description of the API (hand-written).
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Read-only connections, reused across requests.
struct Pool {
    path: String,
    idle: Mutex<Vec<SqliteStore>>,
}

impl Pool {
    fn run<T>(&self, f: impl FnOnce(&SqliteStore) -> Result<T, StoreError>) -> Result<T, ApiError> {
        let conn = self.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match conn {
            Some(c) => c,
            None => SqliteStore::open_read_only(&self.path).map_err(ApiError::Store)?,
        };
        let out = f(&conn).map_err(ApiError::Store);
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < 64 {
                v.push(conn);
            }
        }
        out
    }
}

type AppState = Arc<Pool>;

/// An API error: a status and a JSON body `{"error": "…"}`.
#[derive(Debug)]
enum ApiError {
    Store(StoreError),
    NotFound(String),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            ApiError::Store(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        };
        (status, Json(serde_json::json!({ "error": msg }))).into_response()
    }
}

async fn blocking<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce(&SqliteStore) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let st = st.clone();
    tokio::task::spawn_blocking(move || st.run(f))
        .await
        .map_err(|e| ApiError::Internal(format!("request task failed: {e}")))?
}

/// `limit` and `offset` query parameters.
#[derive(Deserialize)]
struct PageQ {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl PageQ {
    fn page(&self, default: usize) -> Page {
        Page {
            limit: self.limit.unwrap_or(default).min(1000),
            offset: self.offset.unwrap_or(0),
        }
    }
}

#[derive(Deserialize)]
struct SearchQ {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize)]
struct EntitiesQ {
    q: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

#[derive(Deserialize, Default)]
struct EventsQ {
    actor: Option<String>,
    code: Option<String>,
    since: Option<String>,
    until: Option<String>,
    place: Option<String>,
    doc: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    per_day: Option<bool>,
}

impl EventsQ {
    fn filter(&self, default_limit: usize) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            code: self.code.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            place: self.place.clone(),
            doc: self.doc.clone(),
            limit: self.limit.unwrap_or(default_limit).min(10_000),
            offset: self.offset.unwrap_or(0),
        }
    }
}

async fn stats(State(st): State<AppState>) -> Result<Response, ApiError> {
    Ok(Json(blocking(&st, |s| s.stats()).await?).into_response())
}

async fn documents(
    State(st): State<AppState>,
    Query(q): Query<PageQ>,
) -> Result<Response, ApiError> {
    let page = q.page(20);
    Ok(Json(blocking(&st, move |s| s.documents(page)).await?).into_response())
}

async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id2 = id.clone();
    match blocking(&st, move |s| s.document(&id2)).await? {
        Some(d) => Ok(Json(d).into_response()),
        None => Err(ApiError::NotFound(format!("no document with id {id:?}"))),
    }
}

async fn entity_keys(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(Json(blocking(&st, move |s| s.entity_keys(&id)).await?).into_response())
}

async fn search(
    State(st): State<AppState>,
    Query(q): Query<SearchQ>,
) -> Result<Response, ApiError> {
    let page = Page {
        limit: q.limit.unwrap_or(20).min(200),
        offset: q.offset.unwrap_or(0),
    };
    let query = q.q.unwrap_or_default();
    Ok(Json(blocking(&st, move |s| s.search(&query, page)).await?).into_response())
}

async fn entities(
    State(st): State<AppState>,
    Query(q): Query<EntitiesQ>,
) -> Result<Response, ApiError> {
    let page = Page {
        limit: q.limit.unwrap_or(50).min(1000),
        offset: q.offset.unwrap_or(0),
    };
    Ok(Json(
        blocking(&st, move |s| {
            s.entities(q.q.as_deref(), q.kind.as_deref(), page)
        })
        .await?,
    )
    .into_response())
}

async fn entity(State(st): State<AppState>, Path(key): Path<String>) -> Result<Response, ApiError> {
    let k2 = key.clone();
    match blocking(&st, move |s| s.entity(&k2)).await? {
        Some(e) => Ok(Json(e).into_response()),
        None => Err(ApiError::NotFound(format!("no entity with key {key:?}"))),
    }
}

async fn events(
    State(st): State<AppState>,
    Query(q): Query<EventsQ>,
) -> Result<Response, ApiError> {
    let f = q.filter(100);
    Ok(Json(blocking(&st, move |s| s.events(&f)).await?).into_response())
}

async fn timeline(
    State(st): State<AppState>,
    Query(q): Query<EventsQ>,
) -> Result<Response, ApiError> {
    let f = q.filter(0);
    Ok(Json(blocking(&st, move |s| s.event_days(&f)).await?).into_response())
}

async fn places(
    State(st): State<AppState>,
    Query(q): Query<EventsQ>,
) -> Result<Response, ApiError> {
    let f = q.filter(0);
    Ok(Json(blocking(&st, move |s| s.places(&f)).await?).into_response())
}

async fn pairs(State(st): State<AppState>, Query(q): Query<EventsQ>) -> Result<Response, ApiError> {
    let f = q.filter(1000);
    let per_day = q.per_day.unwrap_or(true);
    Ok(Json(blocking(&st, move |s| s.actor_pairs(&f, per_day)).await?).into_response())
}

async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}

fn asset(path: &'static str) -> Response {
    match ASSETS.iter().find(|(p, _, _)| *p == path) {
        Some((_, ct, bytes)) => (
            [(header::CONTENT_TYPE, HeaderValue::from_static(ct))],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// Headers on every response: a strict Content-Security-Policy (no inline
/// script, nothing from other origins), no sniffing, no framing.
async fn security_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

/// The application: API routes, `/openapi.json` and the UI, over the
/// database at `db` (opened read-only per request thread).
pub fn router(db: &str) -> Router {
    let state: AppState = Arc::new(Pool {
        path: db.to_string(),
        idle: Mutex::new(Vec::new()),
    });
    let mut r = Router::new()
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents/{id}/entity-keys", get(entity_keys))
        .route("/api/search", get(search))
        .route("/api/entities", get(entities))
        .route("/api/entities/{key}", get(entity))
        .route("/api/events", get(events))
        .route("/api/events/timeline", get(timeline))
        .route("/api/events/places", get(places))
        .route("/api/actor-pairs", get(pairs))
        .route("/openapi.json", get(openapi));
    for (p, _, _) in ASSETS {
        r = r.route(p, get(move || async move { asset(p) }));
    }
    r.fallback(|| async {
        (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"error": "no such route; see /openapi.json"})),
        )
    })
    .layer(axum::middleware::from_fn(security_headers))
    .with_state(state)
}

/// Serves on an already-bound listener until `shutdown` resolves.
pub async fn serve_on(
    db: &str,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(db))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Binds `addr`, calls `on_bound` with the bound address, and serves until
/// Ctrl-C.
pub fn serve_blocking(
    db: &str,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let l = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
        on_bound(l.local_addr()?);
        serve_on(db, l, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

/// A server running on a background thread (tests, embedding). Dropping it
/// stops the server.
pub struct Running {
    /// The bound address.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Starts serving `db` on `addr` (port 0 picks a free one) in a new
    /// thread with its own runtime.
    pub fn start(db: &str, addr: SocketAddr) -> std::io::Result<Running> {
        let std_listener = std::net::TcpListener::bind(addr)?;
        std_listener.set_nonblocking(true)?;
        let bound = std_listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let db = db.to_string();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let thread = std::thread::spawn(move || {
            rt.block_on(async move {
                match tokio::net::TcpListener::from_std(std_listener) {
                    Ok(l) => {
                        if let Err(e) = serve_on(&db, l, async {
                            let _ = rx.await;
                        })
                        .await
                        {
                            eprintln!("marsad-server: {e}");
                        }
                    }
                    Err(e) => eprintln!("marsad-server: {e}"),
                }
            })
        });
        Ok(Running {
            addr: bound,
            stop: Some(tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
