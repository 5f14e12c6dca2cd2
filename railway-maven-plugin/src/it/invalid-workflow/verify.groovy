// The build failed (invoker.buildResult = failure) with the validator's report.
def log = new File(basedir, 'build.log').text
assert log.contains('order@1: INVALID, 1 problem(s)') : 'no validator report in the build log'
assert log.contains('StockReserved') : 'the report does not name the event with no target'
assert log.contains('1 of 1 workflow(s) invalid: order@1')
return true
