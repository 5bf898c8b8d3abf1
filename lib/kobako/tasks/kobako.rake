# frozen_string_literal: true

# `rake kobako:warm`: compiles the guest module into the disk cache, e.g. in a
# Docker build step, so that no container compiles it at boot
# (docs/deployment.md). In a Rails app it loads the environment first, so
# `config.kobako.cache_dir` applies; elsewhere use KOBAKO_CACHE_DIR.
namespace :kobako do
  desc "Compile kobako's guest module into the disk cache (KOBAKO_CACHE_DIR)"
  task warm: (Rake::Task.task_defined?(:environment) ? :environment : []) do
    require "kobako"
    dir = Kobako.configuration.cache_dir
    info = Kobako.warm!
    puts format("kobako: guest module %<origin>s in %<ms>.1f ms (disk cache %<dir>s)",
                origin: info[:origin], ms: info[:seconds] * 1000, dir: dir || "off")
  end
end
