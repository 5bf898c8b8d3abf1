def f
  :body
ensure
  :ensure_ignored
end
f
