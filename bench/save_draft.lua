-- Draft saves through the API, each wrk connection on its own unit. Run with as many threads as
-- connections (wrk -t64 -c64): wrk keeps Lua state per thread, so one connection per thread makes
-- the per-thread variables below per-connection state.
--
-- Environment: LLW_BENCH_DIR (this folder), LLW_BENCH_UNITS (file with one unit code per line,
-- at least as many as connections), LLW_BENCH_TOKEN (a bearer token allowed to write them all),
-- LLW_BENCH_CAMPAIGN (campaign id whose reports are still editable).
dofile(os.getenv("LLW_BENCH_DIR") .. "/report.lua")

local next_index = 0
local units = {}

function setup(thread)
  if #units == 0 then
    for line in io.lines(os.getenv("LLW_BENCH_UNITS")) do
      if line ~= "" then units[#units + 1] = line end
    end
  end
  next_index = next_index + 1
  thread:set("unit", units[next_index])
end

local unit, path, version, counter
local conflicts = 0

function init(args)
  unit = wrk.thread:get("unit")
  path = "/api/v1/campaigns/" .. os.getenv("LLW_BENCH_CAMPAIGN") .. "/reports/" .. unit
  version = 0
  counter = 0
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("LLW_BENCH_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  -- A real draft: a few counts that change on every save, so each write differs.
  local body = string.format(
    '{"version":%d,"values":{"media_articles":%d,"banners":%d,"site_posts":%d,' ..
    '"reading_day_held":true,"reading_day_sessions":%d,"advantages":"Lưu nháp số %d"}}',
    version, counter % 50, counter % 7, counter % 11, counter % 3, counter)
  return wrk.format("PUT", path, nil, body)
end

function response(status, headers, body)
  -- Both a saved report and a 409 carry the version to send next.
  local v = string.match(body, '"version":(%d+)') or string.match(body, '"current_version":(%d+)')
  if v then version = tonumber(v) end
  if status == 409 then conflicts = conflicts + 1 end
end
