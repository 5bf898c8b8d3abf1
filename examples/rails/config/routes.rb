# frozen_string_literal: true

Rails.application.routes.draw do
  post "/scripts", to: "scripts#create"
  get "/stats", to: "scripts#stats"
end
