# The exception tag that longjmp throws. LLVM 22 objects only reference it, so
# exactly one strong definition must exist in the link.
	.globl	__c_longjmp
	.tagtype	__c_longjmp i32
__c_longjmp:
