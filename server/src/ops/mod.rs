//! Running the portal for years: copies of the database and their restore (`backup`),
//! liveness and readiness (`health`), metrics on their own address (`metrics`), a clean stop
//! (`shutdown`), the server's hold on its database (`lock`) and the log's format (`logging`).

pub mod backup;
pub mod health;
pub mod lock;
pub mod logging;
pub mod metrics;
pub mod shutdown;
