/* The one table of protocol numbers and names.
 *
 * Every list is an X-macro: X(NAME, number, "description", "RFC s.x").  The
 * lists expand into enums (below), name lookups (codepoints.c), the Lua
 * constants and the Wireshark plugin's value_strings.  A codepoint number is
 * typed nowhere else in mipsim.  Plain C with no includes, so that the
 * dissector can include it as it is.
 */
#ifndef MIPSIM_WIRE_CODEPOINTS_H
#define MIPSIM_WIRE_CODEPOINTS_H

/* EtherTypes. */
/* clang-format off */
#define MS_ETHERTYPE_MAP(X)                                                                \
    X(IPV6, 0x86DD, "IPv6", "RFC 2464")                                                    \
    X(L2EV, 0x88B5, "mipsim layer-2 event (local experimental EtherType)", "IEEE 802 s9.2")

/* IPv6 Next Header values that mipsim handles. */
#define MS_IPPROTO_MAP(X)                                                                  \
    X(HOPOPTS, 0, "Hop-by-Hop Options", "RFC 8200 s4.3")                                   \
    X(TCP, 6, "TCP", "RFC 9293")                                                           \
    X(UDP, 17, "UDP", "RFC 768")                                                           \
    X(IPV6, 41, "IPv6 encapsulation", "RFC 2473")                                          \
    X(ROUTING, 43, "Routing Header", "RFC 8200 s4.4")                                      \
    X(FRAGMENT, 44, "Fragment Header", "RFC 8200 s4.5")                                    \
    X(ESP, 50, "Encapsulating Security Payload", "RFC 4303")                               \
    X(AH, 51, "Authentication Header", "RFC 4302")                                         \
    X(ICMPV6, 58, "ICMPv6", "RFC 4443")                                                    \
    X(NONE, 59, "No Next Header", "RFC 8200 s4.7")                                         \
    X(DSTOPTS, 60, "Destination Options", "RFC 8200 s4.6")                                 \
    X(MH, 135, "Mobility Header", "RFC 6275 s6.1")

/* Options of the Hop-by-Hop and Destination Options headers. */
#define MS_IP6OPT_MAP(X)                                                                   \
    X(PAD1, 0, "Pad1", "RFC 8200 s4.2")                                                    \
    X(PADN, 1, "PadN", "RFC 8200 s4.2")                                                    \
    X(HOME_ADDRESS, 201, "Home Address", "RFC 6275 s6.3")

/* Routing Header types. */
#define MS_RH_TYPE_MAP(X) X(TYPE2, 2, "Type 2 Routing Header", "RFC 6275 s6.4")

/* Mobility Header message types (MH Type). */
#define MS_MH_TYPE_MAP(X)                                                                  \
    X(BRR, 0, "Binding Refresh Request", "RFC 6275 s6.1.2")                                \
    X(HOTI, 1, "Home Test Init", "RFC 6275 s6.1.3")                                        \
    X(COTI, 2, "Care-of Test Init", "RFC 6275 s6.1.4")                                     \
    X(HOT, 3, "Home Test", "RFC 6275 s6.1.5")                                              \
    X(COT, 4, "Care-of Test", "RFC 6275 s6.1.6")                                           \
    X(BU, 5, "Binding Update", "RFC 6275 s6.1.7")                                          \
    X(BA, 6, "Binding Acknowledgement", "RFC 6275 s6.1.8")                                 \
    X(BE, 7, "Binding Error", "RFC 6275 s6.1.9")                                           \
    X(FBU, 8, "Fast Binding Update", "RFC 5568 s6.2.2")                                    \
    X(FBACK, 9, "Fast Binding Acknowledgment", "RFC 5568 s6.2.3")                          \
    X(FNA, 10, "Fast Neighbor Advertisement", "RFC 4068 s6.3.3")                           \
    X(EXPERIMENTAL, 11, "Experimental Mobility Header", "RFC 5096")                        \
    X(HA_SWITCH, 12, "Home Agent Switch", "RFC 5142")                                      \
    X(HEARTBEAT, 13, "Heartbeat", "RFC 5847")                                              \
    X(HI, 14, "Handover Initiate", "RFC 5568 s6.2.1.1")                                    \
    X(HACK, 15, "Handover Acknowledge", "RFC 5568 s6.2.1.2")                               \
    X(BINDING_REVOCATION, 16, "Binding Revocation", "RFC 5846")

/* Mobility options. */
#define MS_MH_OPT_MAP(X)                                                                   \
    X(PAD1, 0, "Pad1", "RFC 6275 s6.2.2")                                                  \
    X(PADN, 1, "PadN", "RFC 6275 s6.2.3")                                                  \
    X(BRA, 2, "Binding Refresh Advice", "RFC 6275 s6.2.4")                                 \
    X(ALT_COA, 3, "Alternate Care-of Address", "RFC 6275 s6.2.5")                          \
    X(NONCE_INDICES, 4, "Nonce Indices", "RFC 6275 s6.2.6")                                \
    X(BAD, 5, "Binding Authorization Data", "RFC 6275 s6.2.7")                             \
    X(MNP, 6, "Mobile Network Prefix", "RFC 3963")                                         \
    X(LLA, 7, "Mobility Header Link-Layer Address", "RFC 5568 s6.4.4")                     \
    X(MN_ID, 8, "Mobile Node Identifier", "RFC 4283 s3")                                   \
    X(AUTH, 9, "Authentication", "RFC 4285 s5")                                            \
    X(MESG_ID, 10, "Mobility Message Identification", "RFC 4285 s6")                       \
    X(CGA_PARAMS_REQ, 11, "CGA Parameters Request", "RFC 4866 s5.6")                       \
    X(CGA_PARAMS, 12, "CGA Parameters", "RFC 4866 s5.1")                                   \
    X(SIGNATURE, 13, "Signature", "RFC 4866 s5.2")                                         \
    X(PHKT, 14, "Permanent Home Keygen Token", "RFC 4866 s5.3")                            \
    X(COTI, 15, "Care-of Test Init", "RFC 4866 s5.4")                                      \
    X(COT, 16, "Care-of Test", "RFC 4866 s5.5")                                            \
    X(DNS_UPDATE, 17, "DNS Update", "RFC 5026")                                            \
    X(EXPERIMENTAL, 18, "Experimental Mobility Option", "RFC 5096")                        \
    X(BADF, 21, "Binding Authorization Data for FMIPv6", "RFC 5568 s6.4.5")                \
    X(IP_ADDR_PREFIX, 34, "Mobility Header IPv6 Address/Prefix", "RFC 5568 s6.4.2")        \
    X(MCAST_MOBILITY, 60, "Multicast Mobility", "RFC 7411 s5.3")                           \
    X(MCAST_ACK, 61, "Multicast Acknowledgement", "RFC 7411 s5.4")

/* Binding Update flags: masks on the 16-bit word after the Sequence Number. */
#define MS_BU_FLAG_MAP(X)                                                                  \
    X(A, 0x8000, "Acknowledge", "RFC 6275 s6.1.7")                                         \
    X(H, 0x4000, "Home Registration", "RFC 6275 s6.1.7")                                   \
    X(L, 0x2000, "Link-Local Address Compatibility", "RFC 6275 s6.1.7")                    \
    X(K, 0x1000, "Key Management Mobility Capability", "RFC 6275 s6.1.7")                  \
    X(M, 0x0800, "MAP Registration", "RFC 5380 s6.1")                                      \
    X(R, 0x0400, "Mobile Router", "RFC 3963")                                              \
    X(P, 0x0200, "Proxy Registration", "RFC 5213")

/* Binding Acknowledgement flags: masks on the octet after Status. */
#define MS_BA_FLAG_MAP(X) X(K, 0x80, "Key Management Mobility Capability", "RFC 6275 s6.1.8")

/* Binding Acknowledgement Status. */
#define MS_BA_STATUS_MAP(X)                                                                \
    X(ACCEPTED, 0, "Binding Update accepted", "RFC 6275 s6.1.8")                           \
    X(ACCEPTED_PREFIX_DISC, 1, "Accepted but prefix discovery necessary", "RFC 6275 s6.1.8") \
    X(UNSPECIFIED, 128, "Reason unspecified", "RFC 6275 s6.1.8")                           \
    X(PROHIBITED, 129, "Administratively prohibited", "RFC 6275 s6.1.8")                   \
    X(INSUFFICIENT_RESOURCES, 130, "Insufficient resources", "RFC 6275 s6.1.8")            \
    X(HOME_REG_NOT_SUPPORTED, 131, "Home registration not supported", "RFC 6275 s6.1.8")   \
    X(NOT_HOME_SUBNET, 132, "Not home subnet", "RFC 6275 s6.1.8")                          \
    X(NOT_HA_FOR_MN, 133, "Not home agent for this mobile node", "RFC 6275 s6.1.8")        \
    X(DAD_FAILED, 134, "Duplicate Address Detection failed", "RFC 6275 s6.1.8")            \
    X(SEQ_OUT_OF_WINDOW, 135, "Sequence number out of window", "RFC 6275 s6.1.8")          \
    X(EXPIRED_HOME_NONCE, 136, "Expired home nonce index", "RFC 6275 s6.1.8")              \
    X(EXPIRED_COA_NONCE, 137, "Expired care-of nonce index", "RFC 6275 s6.1.8")            \
    X(EXPIRED_NONCES, 138, "Expired nonces", "RFC 6275 s6.1.8")                            \
    X(REG_TYPE_CHANGE, 139, "Registration type change disallowed", "RFC 6275 s6.1.8")      \
    X(ID_MISMATCH, 144, "MIPV6-ID-MISMATCH", "RFC 4285 s8")                                \
    X(MESG_ID_REQD, 145, "MIPV6-MESG-ID-REQD", "RFC 4285 s8")                              \
    X(AUTH_FAIL, 146, "MIPV6-AUTH-FAIL", "RFC 4285 s8")                                    \
    X(PHKT_UNAVAILABLE, 147, "Permanent home keygen token unavailable", "RFC 4866 s5.7")   \
    X(CGA_SIG_FAILED, 148, "CGA and signature verification failed", "RFC 4866 s5.7")       \
    X(PHKT_EXISTS, 149, "Permanent home keygen token exists", "RFC 4866 s5.7")             \
    X(NONNULL_HNI_EXPECTED, 150, "Non-null home nonce index expected", "RFC 4866 s5.7")    \
    X(INVALID_COA, 174, "Invalid Care-of Address", "RFC 6275 s6.1.8")

/* Binding Error Status. */
#define MS_BE_STATUS_MAP(X)                                                                \
    X(UNKNOWN_BINDING, 1, "Unknown binding for Home Address destination option", "RFC 6275 s6.1.9") \
    X(UNRECOGNIZED_MH, 2, "Unrecognized MH Type value", "RFC 6275 s6.1.9")

/* FBack Status (the same in RFC 4068 s6.3.2 and RFC 5568 s6.2.3). */
#define MS_FBACK_STATUS_MAP(X)                                                             \
    X(ACCEPTED, 0, "Fast Binding Update accepted", "RFC 5568 s6.2.3")                      \
    X(ACCEPTED_USE_SUPPLIED_NCOA, 1, "Accepted but use supplied NCoA", "RFC 5568 s6.2.3")  \
    X(UNSPECIFIED, 128, "Reason unspecified", "RFC 5568 s6.2.3")                           \
    X(PROHIBITED, 129, "Administratively prohibited", "RFC 5568 s6.2.3")                   \
    X(INSUFFICIENT_RESOURCES, 130, "Insufficient resources", "RFC 5568 s6.2.3")            \
    X(BAD_IID_LENGTH, 131, "Incorrect interface identifier length", "RFC 5568 s6.2.3")

/* HI flags (mask on the flags octet) and codes, MH form. */
#define MS_HI_FLAG_MAP(X)                                                                  \
    X(S, 0x80, "Assigned address configuration", "RFC 5568 s6.2.1.1")                      \
    X(U, 0x40, "Buffer", "RFC 5568 s6.2.1.1")                                              \
    X(P, 0x20, "Proxy", "RFC 5949 s6.1.1")                                                 \
    X(F, 0x10, "Forwarding", "RFC 5949 s6.1.1")

#define MS_HI_CODE_MAP(X)                                                                  \
    X(FBU_FROM_PCOA, 0, "FBU with PCoA as source", "RFC 5568 s6.2.1.1")                    \
    X(FBU_NOT_FROM_PCOA, 1, "FBU whose source is not the PCoA", "RFC 5568 s6.2.1.1")       \
    X(FORWARDING_COMPLETE, 2, "Forwarding complete", "RFC 5949 s6.1.1")                    \
    X(CONTEXT_TRANSFERRED, 3, "All available context transferred", "RFC 5949 s6.1.1")

/* HAck codes: RFC 5568 / RFC 5268 meanings. */
#define MS_HACK_CODE_MAP(X)                                                                \
    X(ACCEPTED_NCOA_VALID, 0, "Handover accepted, NCoA valid", "RFC 5568 s6.2.1.2")        \
    X(ACCEPTED_NCOA_INVALID, 1, "Handover accepted, NCoA not valid or in use", "RFC 5568 s6.2.1.2") \
    X(ACCEPTED_NCOA_ASSIGNED, 2, "Handover accepted, NCoA assigned", "RFC 5568 s6.2.1.2")  \
    X(ACCEPTED_USE_PCOA, 3, "Handover accepted, use PCoA", "RFC 5568 s6.2.1.2")            \
    X(UNSOLICITED, 4, "Message sent unsolicited", "RFC 5568 s6.2.1.2")                     \
    X(CONTEXT_ACCEPTED, 5, "Context transfer accepted", "RFC 5949 s6.1.2")                 \
    X(ALL_CONTEXT, 6, "All available context transferred", "RFC 5949 s6.1.2")              \
    X(NOT_ACCEPTED, 128, "Handover not accepted, reason unspecified", "RFC 5568 s6.2.1.2") \
    X(PROHIBITED, 129, "Administratively prohibited", "RFC 5568 s6.2.1.2")                 \
    X(INSUFFICIENT_RESOURCES, 130, "Insufficient resources", "RFC 5568 s6.2.1.2")          \
    X(CONTEXT_UNAVAILABLE, 131, "Requested context not available", "RFC 5949 s6.1.2")      \
    X(FORWARDING_UNAVAILABLE, 132, "Forwarding not available", "RFC 5949 s6.1.2")

/* HAck codes: RFC 4068 meanings (ICMPv6 type 150), which differ for 2-4. */
#define MS_HACK4068_CODE_MAP(X)                                                            \
    X(ACCEPTED_NCOA_VALID, 0, "Handover accepted, NCoA valid", "RFC 4068 s6.2.2")          \
    X(ACCEPTED_NCOA_INVALID, 1, "Handover accepted, NCoA not valid", "RFC 4068 s6.2.2")    \
    X(ACCEPTED_NCOA_IN_USE, 2, "Handover accepted, NCoA in use", "RFC 4068 s6.2.2")        \
    X(ACCEPTED_NCOA_ASSIGNED, 3, "Handover accepted, NCoA assigned", "RFC 4068 s6.2.2")    \
    X(ACCEPTED_NCOA_NOT_ASSIGNED, 4, "Handover accepted, NCoA not assigned", "RFC 4068 s6.2.2") \
    X(NOT_ACCEPTED, 128, "Handover not accepted, reason unspecified", "RFC 4068 s6.2.2")   \
    X(PROHIBITED, 129, "Administratively prohibited", "RFC 4068 s6.2.2")                   \
    X(INSUFFICIENT_RESOURCES, 130, "Insufficient resources", "RFC 4068 s6.2.2")

/* FBU flags: masks on the 16-bit word after the Sequence Number.  RFC 5568
 * s6.2.2: A and H MUST be 1, flags of other protocols MUST be 0.  B is RFC
 * 5271's buffering flag; IANA's BU registry has F (RFC 5555) at the same bit
 * (CODEPOINTS gotcha 7, docs/WIRE-VARIANTS.md). */
#define MS_FBU_FLAG_MAP(X)                                                                 \
    X(A, 0x8000, "Acknowledge", "RFC 5568 s6.2.2")                                         \
    X(H, 0x4000, "Home Registration", "RFC 5568 s6.2.2")                                   \
    X(L, 0x2000, "Link-Local Address Compatibility", "RFC 5568 s6.2.2")                    \
    X(K, 0x1000, "Key Management Mobility Capability", "RFC 5568 s6.2.2")                  \
    X(B, 0x0100, "Buffer at PAR (RFC 5271; IANA F of RFC 5555 at the same bit)", "RFC 5271 s6.3")

/* HAck flags, MH form: masks on the octet after the Sequence Number (RFC 5568
 * s6.2.1.2 calls it Reserved; RFC 5949 s6.1.2 defines U, P, F). */
#define MS_HACK_FLAG_MAP(X)                                                                \
    X(U, 0x80, "Buffer", "RFC 5949 s6.1.2")                                                \
    X(P, 0x40, "Proxy", "RFC 5949 s6.1.2")                                                 \
    X(F, 0x20, "Forwarding", "RFC 5949 s6.1.2")

/* Option-Codes of the Multicast Mobility option (MH option 60). */
#define MS_MCAST_OPTCODE_MAP(X)                                                            \
    X(IGMPV3, 1, "IGMPv3 Payload Type", "RFC 7411 s5.3")                                   \
    X(MLDV2, 2, "MLDv2 Payload Type", "RFC 7411 s5.3")                                     \
    X(IGMPV3_FROM_V2, 3, "IGMPv3 Payload Type from IGMPv2 Compatibility Mode", "RFC 7411 s5.3") \
    X(MLDV2_FROM_V1, 4, "MLDv2 Payload Type from MLDv1 Compatibility Mode", "RFC 7411 s5.3")

/* Status of the Multicast Acknowledgement option (MH option 61). */
#define MS_MCAST_ACK_STATUS_MAP(X)                                                         \
    X(PAYLOAD_UNSUPPORTED, 1, "Report Payload type unsupported", "RFC 7411 s5.4")          \
    X(GROUP_UNSUPPORTED, 2, "Requested group service unsupported", "RFC 7411 s5.4")        \
    X(PROHIBITED, 3, "Requested group service administratively prohibited", "RFC 7411 s5.4")

/* ICMPv6 message types. */
#define MS_ICMP6_TYPE_MAP(X)                                                               \
    X(DST_UNREACH, 1, "Destination Unreachable", "RFC 4443 s3.1")                          \
    X(PACKET_TOO_BIG, 2, "Packet Too Big", "RFC 4443 s3.2")                                \
    X(TIME_EXCEEDED, 3, "Time Exceeded", "RFC 4443 s3.3")                                  \
    X(PARAM_PROB, 4, "Parameter Problem", "RFC 4443 s3.4")                                 \
    X(ECHO_REQUEST, 128, "Echo Request", "RFC 4443 s4.1")                                  \
    X(ECHO_REPLY, 129, "Echo Reply", "RFC 4443 s4.2")                                      \
    X(RS, 133, "Router Solicitation", "RFC 4861 s4.1")                                     \
    X(RA, 134, "Router Advertisement", "RFC 4861 s4.2")                                    \
    X(NS, 135, "Neighbor Solicitation", "RFC 4861 s4.3")                                   \
    X(NA, 136, "Neighbor Advertisement", "RFC 4861 s4.4")                                  \
    X(REDIRECT, 137, "Redirect", "RFC 4861 s4.5")                                          \
    X(DHAAD_REQUEST, 144, "Home Agent Address Discovery Request", "RFC 6275 s6.5")         \
    X(DHAAD_REPLY, 145, "Home Agent Address Discovery Reply", "RFC 6275 s6.6")             \
    X(MPS, 146, "Mobile Prefix Solicitation", "RFC 6275 s6.7")                             \
    X(MPA, 147, "Mobile Prefix Advertisement", "RFC 6275 s6.8")                            \
    X(CPS, 148, "Certification Path Solicitation", "RFC 3971 s6.4.1")                      \
    X(CPA, 149, "Certification Path Advertisement", "RFC 3971 s6.4.2")                     \
    X(EXP_MOBILITY, 150, "Experimental Mobility Protocols", "RFC 4065 s4")                 \
    X(FMIP, 154, "FMIPv6 Messages", "RFC 5568 s6.1")

/* ICMPv6 error codes. */
#define MS_ICMP6_UNREACH_CODE_MAP(X)                                                       \
    X(NO_ROUTE, 0, "No route to destination", "RFC 4443 s3.1")                             \
    X(ADMIN, 1, "Communication administratively prohibited", "RFC 4443 s3.1")              \
    X(BEYOND_SCOPE, 2, "Beyond scope of source address", "RFC 4443 s3.1")                  \
    X(ADDR, 3, "Address unreachable", "RFC 4443 s3.1")                                     \
    X(PORT, 4, "Port unreachable", "RFC 4443 s3.1")                                        \
    X(POLICY, 5, "Source address failed ingress/egress policy", "RFC 4443 s3.1")           \
    X(REJECT, 6, "Reject route to destination", "RFC 4443 s3.1")

#define MS_ICMP6_TIMEX_CODE_MAP(X)                                                         \
    X(HOP_LIMIT, 0, "Hop limit exceeded in transit", "RFC 4443 s3.3")                      \
    X(REASSEMBLY, 1, "Fragment reassembly time exceeded", "RFC 4443 s3.3")

#define MS_ICMP6_PARAMPROB_CODE_MAP(X)                                                     \
    X(HEADER, 0, "Erroneous header field encountered", "RFC 4443 s3.4")                    \
    X(NEXT_HEADER, 1, "Unrecognized Next Header type encountered", "RFC 4443 s3.4")        \
    X(OPTION, 2, "Unrecognized IPv6 option encountered", "RFC 4443 s3.4")

/* Subtypes of ICMPv6 type 154 (RFC 5568) and of type 150 (RFC 4065/4068). */
#define MS_FMIP_SUBTYPE_MAP(X)                                                             \
    X(CARD, 0, "CARD (type 150 only)", "RFC 4065 s8")                                      \
    X(CXTP, 1, "CXTP (type 150 only)", "RFC 4065 s8")                                      \
    X(RTSOLPR, 2, "Router Solicitation for Proxy Advertisement", "RFC 5568 s6.1.1")        \
    X(PRRTADV, 3, "Proxy Router Advertisement", "RFC 5568 s6.1.2")                         \
    X(HI, 4, "Handover Initiate (ICMP form)", "RFC 5268 s6.2.1")                           \
    X(HACK, 5, "Handover Acknowledge (ICMP form)", "RFC 5268 s6.2.2")

#define MS_PRRTADV_CODE_MAP(X)                                                             \
    X(SOLICITED, 0, "Solicited, new router information", "RFC 5568 s6.1.2")                \
    X(UNSOLICITED_TRIGGER, 1, "Unsolicited, network-initiated handover trigger", "RFC 5568 s6.1.2") \
    X(NO_NEW_ROUTER_INFO, 2, "No new router information", "RFC 5568 s6.1.2")              \
    X(SUBSET, 3, "Information for a subset of the requested APs", "RFC 5568 s6.1.2")      \
    X(UNSOLICITED_INFO, 4, "Unsolicited neighborhood information", "RFC 5568 s6.1.2")     \
    X(DHCP, 5, "Use DHCP on the new link", "RFC 5568 s6.1.2")

/* Neighbor Discovery options. */
#define MS_ND_OPT_MAP(X)                                                                   \
    X(SLLA, 1, "Source Link-Layer Address", "RFC 4861 s4.6.1")                             \
    X(TLLA, 2, "Target Link-Layer Address", "RFC 4861 s4.6.1")                             \
    X(PREFIX_INFO, 3, "Prefix Information", "RFC 4861 s4.6.2")                             \
    X(REDIRECTED_HDR, 4, "Redirected Header", "RFC 4861 s4.6.3")                           \
    X(MTU, 5, "MTU", "RFC 4861 s4.6.4")                                                    \
    X(ADV_INTERVAL, 7, "Advertisement Interval", "RFC 6275 s7.3")                          \
    X(HA_INFO, 8, "Home Agent Information", "RFC 6275 s7.4")                               \
    X(CGA, 11, "CGA", "RFC 3971 s5.1")                                                     \
    X(RSA_SIG, 12, "RSA Signature", "RFC 3971 s5.2")                                       \
    X(TIMESTAMP, 13, "Timestamp", "RFC 3971 s5.3.1")                                       \
    X(NONCE, 14, "Nonce", "RFC 3971 s5.3.2")                                               \
    X(TRUST_ANCHOR, 15, "Trust Anchor", "RFC 3971 s6.4.3")                                 \
    X(CERTIFICATE, 16, "Certificate", "RFC 3971 s6.4.4")                                   \
    X(IP_ADDR_PREFIX, 17, "IP Address/Prefix", "RFC 5568 s6.4.1")                          \
    X(NEW_ROUTER_PREFIX, 18, "New Router Prefix Information", "RFC 4068 s6.4.2")           \
    X(LLA, 19, "Link-Layer Address", "RFC 5568 s6.4.3")                                    \
    X(NAACK, 20, "Neighbor Advertisement Acknowledgment", "RFC 5568 s6.4.6")               \
    X(MAP, 23, "MAP", "RFC 5380 s5")                                                       \
    X(HK_REQUEST, 27, "Handover Key Request", "RFC 5269 s4.1")                             \
    X(HK_REPLY, 28, "Handover Key Reply", "RFC 5269 s4.2")                                 \
    X(HANDOVER_ASSIST, 29, "Handover Assist Information", "RFC 5271 s6.1")                 \
    X(MN_ID, 30, "Mobile Node Identifier", "RFC 5271 s6.2")

/* Option-Codes of ND option 17 and MH option 34. */
#define MS_IPADDR_OPTCODE_MAP(X)                                                           \
    X(OLD_COA, 1, "Old Care-of Address", "RFC 5568 s6.4.1")                                \
    X(NEW_COA, 2, "New Care-of Address", "RFC 5568 s6.4.1")                                \
    X(NAR_ADDR, 3, "NAR's IP address", "RFC 5568 s6.4.1")                                  \
    X(NAR_PREFIX, 4, "NAR's prefix", "RFC 5568 s6.4.1")

/* Option-Codes of ND option 19. */
#define MS_LLA_OPTCODE_MAP(X)                                                              \
    X(WILDCARD, 0, "Wildcard", "RFC 5568 s6.4.3")                                          \
    X(NEW_AP, 1, "Link-layer address of the new access point", "RFC 5568 s6.4.3")          \
    X(MN, 2, "Link-layer address of the MN", "RFC 5568 s6.4.3")                            \
    X(NAR, 3, "Link-layer address of the NAR", "RFC 5568 s6.4.3")                          \
    X(SENDER, 4, "Link-layer address of the sender", "RFC 5568 s6.4.3")                    \
    X(SAME_IFACE, 5, "AP belongs to the current interface of the router", "RFC 5568 s6.4.3") \
    X(NO_PREFIX, 6, "No prefix information available", "RFC 5568 s6.4.3")                  \
    X(NO_FAST_HANDOVER, 7, "No fast handover support available", "RFC 5568 s6.4.3")

/* NAACK Status (RFC 5568 s6.4.6; RFC 4068 s6.4.5 defines 1, 2 and 128). */
#define MS_NAACK_STATUS_MAP(X)                                                             \
    X(NCOA_INVALID, 1, "NCoA is invalid, perform address configuration", "RFC 5568 s6.4.6") \
    X(NCOA_INVALID_USE_SUPPLIED, 2, "NCoA is invalid, use the supplied NCoA", "RFC 5568 s6.4.6") \
    X(NCOA_INVALID_USE_NAR, 3, "NCoA is invalid, use NAR's IP address as NCoA", "RFC 5568 s6.4.6") \
    X(PCOA_SUPPLIED, 4, "PCoA supplied, do not send FBU", "RFC 5568 s6.4.6")               \
    X(LLA_UNRECOGNIZED, 128, "Link-Layer Address unrecognized", "RFC 5568 s6.4.6")

/* NAACK Status as RFC 4068 s6.4.5 defines it (a reply to an FNA): 3 and 4 do not exist. */
#define MS_NAACK4068_STATUS_MAP(X)                                                         \
    X(NCOA_INVALID, 1, "New CoA is invalid", "RFC 4068 s6.4.5")                            \
    X(NCOA_INVALID_USE_SUPPLIED, 2, "New CoA is invalid, use the supplied CoA", "RFC 4068 s6.4.5") \
    X(LLA_UNRECOGNIZED, 128, "Link Layer Address unrecognized", "RFC 4068 s6.4.5")

/* ICMP-form HI flags: masks on the octet after Subtype (RFC 4068 s6.2.1, RFC 5268 s6.2.1). */
#define MS_HI_ICMP_FLAG_MAP(X)                                                             \
    X(S, 0x80, "Assigned address configuration", "RFC 5268 s6.2.1")                       \
    X(U, 0x40, "Buffer", "RFC 5268 s6.2.1")

/* PrRtAdv: the first bit of the octet after Subtype is claimed twice (R by RFC 5271,
 * M by RFC 7411); one entry, one mask. */
#define MS_PRRTADV_FLAG_MAP(X)                                                             \
    X(R_OR_M, 0x80, "Reactive handover only (RFC 5271 R) or multicast support (RFC 7411 M)", \
      "RFC 5271 s6.4; RFC 7411 s5.1")

/* MAP option (ND 23): mask on the octet after Dist/Pref. */
#define MS_MAP_FLAG_MAP(X) X(R, 0x80, "RCoA flag", "RFC 5380 s5")

/* Option-Codes of ND option 29 (Handover Assist Information) and 30 (MN Identifier). */
#define MS_HAI_OPTCODE_MAP(X)                                                              \
    X(ANID, 1, "Access Network Identifier", "RFC 5271 s6.1")                               \
    X(SECTOR_ID, 2, "Sector ID", "RFC 5271 s6.1")

#define MS_ND_MNID_OPTCODE_MAP(X)                                                          \
    X(NAI, 1, "Network Access Identifier", "RFC 5271 s6.2")                                \
    X(IMSI, 2, "IMSI", "RFC 5271 s6.2")

/* SEND Trust Anchor Name Type and Certificate Cert Type.  (The RFC 5269 s4 AT field has
 * no assigned values: "See [FMIP]", which defines none.) */
#define MS_SEND_NAME_TYPE_MAP(X)                                                           \
    X(DER_X501, 1, "DER Encoded X.501 Name", "RFC 3971 s6.4.3")                            \
    X(FQDN, 2, "FQDN", "RFC 3971 s6.4.3")

#define MS_SEND_CERT_TYPE_MAP(X) X(X509V3, 1, "X.509v3 Certificate", "RFC 3971 s6.4.4")

/* RA flag octet and Prefix Information flag octet. */
#define MS_RA_FLAG_MAP(X)                                                                  \
    X(M, 0x80, "Managed address configuration", "RFC 4861 s4.2")                           \
    X(O, 0x40, "Other configuration", "RFC 4861 s4.2")                                     \
    X(H, 0x20, "Home Agent", "RFC 6275 s7.1")

#define MS_PI_FLAG_MAP(X)                                                                  \
    X(L, 0x80, "On-link", "RFC 4861 s4.6.2")                                               \
    X(A, 0x40, "Autonomous address configuration", "RFC 4861 s4.6.2")                      \
    X(R, 0x20, "Router address", "RFC 6275 s7.2")

/* NA flags: masks on the 32-bit word after the checksum. */
#define MS_NA_FLAG_MAP(X)                                                                  \
    X(R, 0x80000000u, "Router", "RFC 4861 s4.4")                                           \
    X(S, 0x40000000u, "Solicited", "RFC 4861 s4.4")                                        \
    X(O, 0x20000000u, "Override", "RFC 4861 s4.4")

/* Mobile Prefix Advertisement flags (16-bit word after Identifier). */
#define MS_MPA_FLAG_MAP(X)                                                                 \
    X(M, 0x8000, "Managed address configuration", "RFC 6275 s6.8")                         \
    X(O, 0x4000, "Other stateful configuration", "RFC 6275 s6.8")

/* mipsim layer-2 event frames (EtherType L2EV); format in docs/L2-EVENTS.md. */
#define MS_L2EV_TYPE_MAP(X)                                                                \
    X(LINK_UP, 1, "Link Up", "RFC 5184 s4.5 (L2-LinkUp)")                                   \
    X(LINK_DOWN, 2, "Link Down", "RFC 5184 s4.6 (L2-LinkDown)")                             \
    X(LINK_GOING_DOWN, 3, "Link Going Down", "RFC 5568 s3.3 (L2 trigger); RFC 5184 s4.7")   \
    X(HANDOVER_START, 4, "Layer-2 handover started", "RFC 5184 s4.8 (L2-LinkConnect)")

#define MS_L2EV_TLV_MAP(X)                                                                 \
    X(MN_MAC, 1, "Mobile node MAC address", "docs/L2-EVENTS.md")                           \
    X(AP_ID, 2, "Access point identifier", "docs/L2-EVENTS.md")                            \
    X(TARGET_AP_ID, 3, "Target access point identifier", "docs/L2-EVENTS.md")              \
    X(LINK_TYPE, 4, "Link profile", "docs/L2-EVENTS.md")                                   \
    X(TIME_NS, 5, "Expected time to event, nanoseconds", "docs/L2-EVENTS.md")

/* Link profiles: the value of the L2 event LINK_TYPE TLV. */
#define MS_L2EV_PROFILE_MAP(X)                                                             \
    X(GENERIC, 0, "Generic", "docs/L2-EVENTS.md")                                          \
    X(80211, 1, "IEEE 802.11", "RFC 4260")                                                 \
    X(80216E, 2, "IEEE 802.16e", "RFC 5270")                                               \
    X(CDMA3G, 3, "3G CDMA", "RFC 5271")

/* Enums: MS_MH_BU, MS_MH_OPT_PADN, MS_BA_ACCEPTED, MS_ND_OPT_PREFIX_INFO, ... */

#define MS__CP_ETHERTYPE(name, num, d, r) MS_ETHERTYPE_##name = (num),
#define MS__CP_IPPROTO(name, num, d, r) MS_IPPROTO_##name = (num),
#define MS__CP_IP6OPT(name, num, d, r) MS_IP6OPT_##name = (num),
#define MS__CP_RH(name, num, d, r) MS_RH_##name = (num),
#define MS__CP_MH(name, num, d, r) MS_MH_##name = (num),
#define MS__CP_MHOPT(name, num, d, r) MS_MH_OPT_##name = (num),
#define MS__CP_BUF(name, num, d, r) MS_BU_F_##name = (num),
#define MS__CP_BAF(name, num, d, r) MS_BA_F_##name = (num),
#define MS__CP_BA(name, num, d, r) MS_BA_##name = (num),
#define MS__CP_BE(name, num, d, r) MS_BE_##name = (num),
#define MS__CP_FBACK(name, num, d, r) MS_FBACK_##name = (num),
#define MS__CP_HIF(name, num, d, r) MS_HI_F_##name = (num),
#define MS__CP_HI(name, num, d, r) MS_HI_##name = (num),
#define MS__CP_HACK(name, num, d, r) MS_HACK_##name = (num),
#define MS__CP_HACK4068(name, num, d, r) MS_HACK4068_##name = (num),
#define MS__CP_FBUF(name, num, d, r) MS_FBU_F_##name = (num),
#define MS__CP_HACKF(name, num, d, r) MS_HACK_F_##name = (num),
#define MS__CP_MCAST(name, num, d, r) MS_MCAST_##name = (num),
#define MS__CP_MCASTACK(name, num, d, r) MS_MCAST_ACK_##name = (num),
#define MS__CP_ICMP6(name, num, d, r) MS_ICMP6_##name = (num),
#define MS__CP_UNREACH(name, num, d, r) MS_ICMP6_UNREACH_##name = (num),
#define MS__CP_TIMEX(name, num, d, r) MS_ICMP6_TIMEX_##name = (num),
#define MS__CP_PARAMPROB(name, num, d, r) MS_ICMP6_PARAMPROB_##name = (num),
#define MS__CP_FMIPSUB(name, num, d, r) MS_FMIP_##name = (num),
#define MS__CP_PRRTADV(name, num, d, r) MS_PRRTADV_##name = (num),
#define MS__CP_NDOPT(name, num, d, r) MS_ND_OPT_##name = (num),
#define MS__CP_IPADDR(name, num, d, r) MS_IPADDR_##name = (num),
#define MS__CP_LLA(name, num, d, r) MS_LLA_##name = (num),
#define MS__CP_NAACK(name, num, d, r) MS_NAACK_##name = (num),
#define MS__CP_RAF(name, num, d, r) MS_RA_F_##name = (num),
#define MS__CP_PIF(name, num, d, r) MS_PI_F_##name = (num),
#define MS__CP_MPAF(name, num, d, r) MS_MPA_F_##name = (num),
#define MS__CP_L2EV(name, num, d, r) MS_L2EV_##name = (num),
#define MS__CP_L2TLV(name, num, d, r) MS_L2EV_TLV_##name = (num),
#define MS__CP_L2PROF(name, num, d, r) MS_L2EV_PROFILE_##name = (num),
#define MS__CP_NAACK4068(name, num, d, r) MS_NAACK4068_##name = (num),
#define MS__CP_HIICMPF(name, num, d, r) MS_HI_ICMP_F_##name = (num),
#define MS__CP_PRRTADVF(name, num, d, r) MS_PRRTADV_F_##name = (num),
#define MS__CP_MAPF(name, num, d, r) MS_MAP_F_##name = (num),
#define MS__CP_HAI(name, num, d, r) MS_HAI_##name = (num),
#define MS__CP_NDMNID(name, num, d, r) MS_ND_MNID_##name = (num),
#define MS__CP_SENDNAME(name, num, d, r) MS_SEND_NAME_##name = (num),
#define MS__CP_SENDCERT(name, num, d, r) MS_SEND_CERT_##name = (num),

enum ms_ethertype { MS_ETHERTYPE_MAP(MS__CP_ETHERTYPE) };
enum ms_ipproto { MS_IPPROTO_MAP(MS__CP_IPPROTO) };
enum ms_ip6opt { MS_IP6OPT_MAP(MS__CP_IP6OPT) };
enum ms_rh_type { MS_RH_TYPE_MAP(MS__CP_RH) };
enum ms_mh_type { MS_MH_TYPE_MAP(MS__CP_MH) };
enum ms_mh_opt { MS_MH_OPT_MAP(MS__CP_MHOPT) };
enum ms_bu_flag { MS_BU_FLAG_MAP(MS__CP_BUF) };
enum ms_ba_flag { MS_BA_FLAG_MAP(MS__CP_BAF) };
enum ms_ba_status { MS_BA_STATUS_MAP(MS__CP_BA) };
enum ms_be_status { MS_BE_STATUS_MAP(MS__CP_BE) };
enum ms_fback_status { MS_FBACK_STATUS_MAP(MS__CP_FBACK) };
enum ms_hi_flag { MS_HI_FLAG_MAP(MS__CP_HIF) };
enum ms_hi_code { MS_HI_CODE_MAP(MS__CP_HI) };
enum ms_hack_code { MS_HACK_CODE_MAP(MS__CP_HACK) };
enum ms_hack4068_code { MS_HACK4068_CODE_MAP(MS__CP_HACK4068) };
enum ms_fbu_flag { MS_FBU_FLAG_MAP(MS__CP_FBUF) };
enum ms_hack_flag { MS_HACK_FLAG_MAP(MS__CP_HACKF) };
enum ms_mcast_optcode { MS_MCAST_OPTCODE_MAP(MS__CP_MCAST) };
enum ms_mcast_ack_status { MS_MCAST_ACK_STATUS_MAP(MS__CP_MCASTACK) };
enum ms_icmp6_type { MS_ICMP6_TYPE_MAP(MS__CP_ICMP6) };
enum ms_icmp6_unreach { MS_ICMP6_UNREACH_CODE_MAP(MS__CP_UNREACH) };
enum ms_icmp6_timex { MS_ICMP6_TIMEX_CODE_MAP(MS__CP_TIMEX) };
enum ms_icmp6_paramprob { MS_ICMP6_PARAMPROB_CODE_MAP(MS__CP_PARAMPROB) };
enum ms_fmip_subtype { MS_FMIP_SUBTYPE_MAP(MS__CP_FMIPSUB) };
enum ms_prrtadv_code { MS_PRRTADV_CODE_MAP(MS__CP_PRRTADV) };
enum ms_nd_opt { MS_ND_OPT_MAP(MS__CP_NDOPT) };
enum ms_ipaddr_optcode { MS_IPADDR_OPTCODE_MAP(MS__CP_IPADDR) };
enum ms_lla_optcode { MS_LLA_OPTCODE_MAP(MS__CP_LLA) };
enum ms_naack_status { MS_NAACK_STATUS_MAP(MS__CP_NAACK) };
enum ms_ra_flag { MS_RA_FLAG_MAP(MS__CP_RAF) };
enum ms_pi_flag { MS_PI_FLAG_MAP(MS__CP_PIF) };
enum ms_mpa_flag { MS_MPA_FLAG_MAP(MS__CP_MPAF) };
enum ms_l2ev_type { MS_L2EV_TYPE_MAP(MS__CP_L2EV) };
enum ms_l2ev_tlv { MS_L2EV_TLV_MAP(MS__CP_L2TLV) };
enum ms_l2ev_profile { MS_L2EV_PROFILE_MAP(MS__CP_L2PROF) };
enum ms_naack4068_status { MS_NAACK4068_STATUS_MAP(MS__CP_NAACK4068) };
enum ms_hi_icmp_flag { MS_HI_ICMP_FLAG_MAP(MS__CP_HIICMPF) };
enum ms_prrtadv_flag { MS_PRRTADV_FLAG_MAP(MS__CP_PRRTADVF) };
enum ms_map_flag { MS_MAP_FLAG_MAP(MS__CP_MAPF) };
enum ms_hai_optcode { MS_HAI_OPTCODE_MAP(MS__CP_HAI) };
enum ms_nd_mnid_optcode { MS_ND_MNID_OPTCODE_MAP(MS__CP_NDMNID) };
enum ms_send_name_type { MS_SEND_NAME_TYPE_MAP(MS__CP_SENDNAME) };
enum ms_send_cert_type { MS_SEND_CERT_TYPE_MAP(MS__CP_SENDCERT) };

/* NA flags are 32-bit masks; kept as macros so they stay unsigned. */
#define MS__CP_NAF(name, num, d, r) static const unsigned int MS_NA_F_##name = (num);
MS_NA_FLAG_MAP(MS__CP_NAF)
#undef MS__CP_NAF

/* clang-format on */
#endif
