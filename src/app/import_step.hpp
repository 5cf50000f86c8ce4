#pragma once
// Importing files inside another command's transaction (a member-check response is imported
// and linked in one step). The caller records the event.
#include "app/session.hpp"
#include "qda/app.hpp"

namespace qda::app {

ImportResult import_in(Session &session, const ImportRequest &req, store::ChangeSet &changes);

} // namespace qda::app
