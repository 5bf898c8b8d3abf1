class AppError < StandardError; end
class NotFound < AppError
  def initialize(what) = super("#{what} not found")
end
class Forbidden < AppError; end
results = [-> { raise NotFound, "user 7" }, -> { raise Forbidden }, -> { 42 }].map do |job|
  job.call
rescue NotFound => e
  "404 #{e.message}"
rescue AppError => e
  "403 #{e.class}"
end
results
