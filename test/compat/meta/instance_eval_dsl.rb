class RouteSet
  attr_reader :routes
  def initialize = @routes = []
  def get(path, to:) = @routes << ["GET", path, to]
  def post(path, to:) = @routes << ["POST", path, to]
  def self.draw(&block) = new.tap { |r| r.instance_eval(&block) }
end
rs = RouteSet.draw do
  get "/", to: "home#index"
  post "/login", to: "sessions#create"
end
rs.routes
