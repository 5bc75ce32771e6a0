-- `cargo xtask load`: what each wrk connection sends. Four requests in five read pages and
-- data as visitors do; the fifth sends a new-group request under a key no one used before.
-- Each thread counts its answers; `done` prints the totals as one JSON line for xtask.

local body = assert(io.open(os.getenv("LOAD_BODY"), "r")):read("*a")
local pages = { "/", "/groups", "/groups.json", "/what-are-user-groups", "/new-group" }
local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
  table.insert(threads, thread)
end

sent, created, refused, failed, pages_ok, pages_failed = 0, 0, 0, 0, 0, 0
local n = 0
local ids = nil

function request()
  n = n + 1
  if n % 5 == 0 then
    sent = sent + 1
    local key = string.format("%08x-0000-4000-8000-%012x", thread_id, sent)
    return wrk.format("POST", "/api/group-requests",
      { ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }, body)
  end
  return wrk.format("GET", pages[(n % #pages) + 1])
end

function response(status, headers, answer)
  -- Answers come back in the order requests went out on a connection: a POST's answer is
  -- the one that carries a reference number or an error body.
  local id = string.match(answer, '"id":"(GR%-[%w%-]+)"')
  if id then
    if status == 201 then
      created = created + 1
      -- Every reference answered, for xtask to find in the database.
      ids = ids or assert(io.open(os.getenv("LOAD_IDS") .. "/" .. thread_id, "a"))
      ids:write(id, "\n")
      ids:flush()
    else
      failed = failed + 1
    end
  elseif string.find(answer, '"error":', 1, true) then
    if status == 429 then refused = refused + 1 else failed = failed + 1 end
  elseif status == 200 then
    pages_ok = pages_ok + 1
  else
    pages_failed = pages_failed + 1
  end
end

function done(summary, latency, requests)
  local totals = { sent = 0, created = 0, refused = 0, failed = 0, pages_ok = 0, pages_failed = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format(
    'LOAD {"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"sent":%d,"created":%d,"refused":%d,"failed":%d,"pages_ok":%d,"pages_failed":%d,"errors":%d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    totals.sent, totals.created, totals.refused, totals.failed, totals.pages_ok, totals.pages_failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
