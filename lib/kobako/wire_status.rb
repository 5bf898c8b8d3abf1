# frozen_string_literal: true

module Kobako
  # The status numbers of docs/wire.md's replies, one name each, on the Ruby
  # side; Kobako::Transport includes them. Their twins are
  # ext/kobako/src/wire/status_table.rs (Kobako::Native::Wire; also included by wasm/src/status.rs)
  # and wasm/c/wire_status.h (the guest's Kobako::Wire);
  # test/wire_statuses_test.rb checks that all of them agree. Adding a status
  # is one line here and one in each twin.
  module WireStatus
    # Replies to a Service request (host → guest).
    REPLY_OK = 0
    REPLY_ERROR = 1
    REPLY_BROKE = 2
    REPLY_BLOCK_RAISED = 3
    # Replies to a yield (guest → host).
    YIELD_OK = 0
    YIELD_BROKE = 1
    YIELD_RAISED = 2
  end
end
