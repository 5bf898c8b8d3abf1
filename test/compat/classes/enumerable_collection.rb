class Playlist
  include Enumerable
  def initialize(*songs) = @songs = songs
  def each(&block)
    @songs.each(&block)
    self
  end
end
pl = Playlist.new("b-side", "anthem", "ballad", "coda")
[pl.sort, pl.map(&:size), pl.include?("coda"), pl.min_by(&:size), pl.each_slice(2).to_a, pl.first, pl.first(2)]
