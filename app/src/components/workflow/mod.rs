//! A workflow's page beyond its design: its versions and the diff between any two, moving
//! open items to the current version (preview first), and a running pilot.

mod migrate;
mod pilot;
mod versions;

pub use migrate::MoveItems;
pub use pilot::PilotSection;
pub use versions::VersionsSection;
