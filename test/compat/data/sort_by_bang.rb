words = %w[pear fig banana kiwi apple]
words.sort_by!(&:size)
words
