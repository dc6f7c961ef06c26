-- wrk script: POST AWS JSON 1.1 requests of one operation.
-- Set by environment:
--   TARGET     the operation (X-Amz-Target without its service prefix)
--   BODY       one JSON body, sent as it is on every request; or
--   BODY_FILE  a file of JSON bodies, one a line, sent in turn (each thread starts at its own line, so the
--              connections spread over the lines). A line may hold placeholders, filled per request:
--                {id}    an id no other request of the run has: PREFIX-<thread>-<request number>
--                {flip}  "" and "not_" in turn, so "{flip}remembered" toggles a device's status
--   PREFIX     starts every {id}; the harness makes it unique per run, so repeats never collide
-- Bodies without placeholders are formatted once up front: rotating among them costs wrk no more per
-- request than a single fixed body would.
wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. os.getenv("TARGET")
-- Any SigV4-shaped header: the emulators read the region and access key from it, none checks the signature.
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00"

local body_file = os.getenv("BODY_FILE")
if body_file then
  local templates = {}
  local dynamic = false
  for line in io.lines(body_file) do
    if line ~= "" then
      templates[#templates + 1] = line
      dynamic = dynamic or line:find("{id}", 1, true) ~= nil or line:find("{flip}", 1, true) ~= nil
    end
  end
  assert(#templates > 0, "BODY_FILE " .. body_file .. " has no bodies")

  -- Runs in the main Lua state, once per thread before it starts: numbers the threads.
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
  end

  local prefix = os.getenv("PREFIX") or "wrk"
  local sent = 0
  local start = 0
  local prebuilt = {}

  function init(args)
    -- thread_number is set (by setup, above) only in this thread's own Lua state.
    start = ((thread_number or 1) - 1) * 7919
    -- Formatted here, not as the script loads: wrk sets the Host header just before it calls init.
    if not dynamic then
      for i, body in ipairs(templates) do
        prebuilt[i] = wrk.format(nil, nil, nil, body)
      end
    end
  end

  function request()
    sent = sent + 1
    local index = (start + sent) % #templates + 1
    if not dynamic then
      return prebuilt[index]
    end
    local body = templates[index]
    body = body:gsub("{id}", prefix .. "-" .. (thread_number or 1) .. "-" .. sent)
    body = body:gsub("{flip}", sent % 2 == 0 and "" or "not_")
    return wrk.format(nil, nil, nil, body)
  end
else
  wrk.body = os.getenv("BODY")
end

-- One line the harness reads: requests/s, p50 in microseconds, non-2xx count, socket errors, then the
-- p99 in microseconds and the number of requests.
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %d %d %.1f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99),
    summary.requests))
end
