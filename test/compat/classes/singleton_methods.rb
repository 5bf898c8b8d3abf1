logger = Object.new
def logger.log(msg) = (@lines ||= []) << msg
def logger.lines = @lines
logger.log("a")
logger.log("b")
[logger.lines, logger.singleton_methods.sort]
