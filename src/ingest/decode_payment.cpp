// create_new_payment -> payment_events (events-and-ingest §2.8): every value
// text-or-empty, verbatim (no unit parsing, no address normalization).
#include "ingest/decoders.hpp"

namespace naap::ingest {

void decode_create_new_payment(const EventContext& c, RowList<PaymentEventRow>& out) {
  const JsonRef d = c.data;
  PaymentEventRow& r = out.add();
  fill_row_base(r, c, c.raw_json);
  assign_text_or_empty(r.request_id, d["requestID"]);
  assign_text_or_empty(r.session_id, d["sessionID"]);
  assign_text_or_empty(r.manifest_id, d["manifestID"]);
  assign_text_or_empty(r.sender, d["sender"]);
  assign_text_or_empty(r.recipient, d["recipient"]);
  assign_text_or_empty(r.orchestrator, d["orchestrator"]);
  assign_text_or_empty(r.face_value, d["faceValue"]);
  assign_text_or_empty(r.price, d["price"]);
  assign_text_or_empty(r.num_tickets, d["numTickets"]);
  assign_text_or_empty(r.win_prob, d["winProb"]);
  assign_text_or_empty(r.client_ip, d["clientIP"]);
  assign_text_or_empty(r.capability, d["capability"]);
}

}  // namespace naap::ingest
