-- wrk script: each request creates a draft record through the API (POST /api/v1/systems) with
-- the bearer token in BENCH_TOKEN, in the organisation BENCH_ORG, each with a name of its own.
local token = os.getenv("BENCH_TOKEN")
local org = os.getenv("BENCH_ORG") or "synth"
local n = 0
local thread_id = 0
local counter = 1

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end

function request()
  n = n + 1
  local body = string.format(
    '{"organisation":"%s","record":{"name":{"fi":"Kuormitustesti %d-%d"},' ..
    '"summary":{"fi":"Palvelu auttaa asukkaita löytämään tietoa kirjaston aukioloajoista."},' ..
    '"purpose":{"fi":"Nopeampi asiakaspalvelu."},"theme":"recreation_culture_and_religion","personal_data":false}}',
    org, thread_id, n)
  return wrk.format("POST", "/api/v1/systems", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end
